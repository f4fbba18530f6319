//! Browser entry point of the staff workspace (`lvzhi-staff`, served under `/staff/`),
//! built by Trunk from `staff.html`. A separate binary so members never download it.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    lvzhi::ui::staff::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lvzhi-staff runs in the browser: build it with `make build` (it is served under /staff/).");
}

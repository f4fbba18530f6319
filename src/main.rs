//! Browser entry point, built by Trunk for wasm32. The native staff tool is `src/bin/`.

/// Talc instead of std's dlmalloc: the same job in less wasm (the app is single-threaded).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    lvzhi::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lvzhi-web runs in the browser: build it with `make build` or serve it with `make run`.");
}

//! Browser entry point, built by Trunk for wasm32. The native staff tool is `src/bin/`.

#[cfg(target_arch = "wasm32")]
fn main() {
    lvzhi::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lvzhi-web runs in the browser: build it with `make build` or serve it with `make run`.");
}

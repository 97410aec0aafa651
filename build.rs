//! Gives the build an id, the same for the native prerenderer and the
//! browser app compiled from the same sources: a hash of every file they are
//! built from. The app adopts a prerendered page only if the page carries
//! its own build's id.
//!
//! The publisher's tool alone (Markdown, the WordPress import, the `publish`
//! command) and the host's tests are left out: they change neither the app
//! nor the pages it adopts, and a new id would make every reader download
//! the same app again under a new name.

use std::fs;
use std::path::Path;

/// Sources that reach neither the `.wasm` nor the prerenderer.
const NOT_IN_THE_APP: [&str; 4] = ["src/markdown", "src/import", "src/bin/publish.rs", "tests.rs"];

fn in_the_app(path: &Path) -> bool {
    !NOT_IN_THE_APP.iter().any(|part| path.ends_with(part))
}

fn hash_dir(dir: &Path, hash: &mut u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths.into_iter().filter(|p| in_the_app(p)) {
        if path.is_dir() {
            hash_dir(&path, hash);
        } else if let Ok(bytes) = fs::read(&path) {
            feed(hash, path.to_string_lossy().as_bytes());
            feed(hash, &bytes);
        }
    }
}

fn feed(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    hash_dir(Path::new("src"), &mut hash);
    for file in ["Cargo.toml", "Cargo.lock"] {
        if let Ok(bytes) = fs::read(file) {
            feed(&mut hash, &bytes);
        }
    }
    println!("cargo:rustc-env=LINERNOTES_BUILD_ID={hash:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
}

//! The pure half of the key-id QR code (issue 5): text → one SVG path of the dark modules.
//! The Leptos component (`ui::components::qr`) only wraps it in `<svg>`.
//!
//! `qrcodegen` (Project Nayuki's reference encoder) rather than `qrcode`: one file with no
//! dependencies and no rendering layer, so only the encoder lands in the wasm; we draw the
//! SVG ourselves as a single path (thousands of `<rect>`s would be slow DOM for a phone).

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, as the QR standard asks, so scanners find its edges.
pub const QUIET_ZONE: i32 = 4;

/// The side of the whole picture in modules (quiet zone included) and an SVG path that
/// draws every dark module as a unit square in those coordinates, one subpath per run of
/// dark modules in a row. `None` when the text does not fit in a QR code (about 2,300
/// bytes at this error-correction level; a key id is 43).
pub fn qr_svg_path(text: &str) -> Option<(u32, String)> {
    // Medium (~15 % recoverable): keeps the code small while tolerating a smudged screen.
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE));
        }
    }
    Some(((n + 2 * QUIET_ZONE) as u32, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paints the path back onto a grid (it only uses `M x y h n v1 h-n z`).
    fn paint(size: u32, d: &str) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; size as usize]; size as usize];
        for sub in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = sub.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let (run, tail) = rest.split_once("v1h-").unwrap();
            let run: usize = run.parse().unwrap();
            assert_eq!(tail, format!("{run}z"));
            for cell in &mut grid[y][x..x + run] {
                assert!(!*cell, "overlapping runs");
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn path_draws_exactly_the_dark_modules_inside_a_quiet_zone() {
        let text = "o1Xw0bXj8a4Qm3FZpQe5y6r8T2cVJr9kNwq7LsD4uHg"; // an RFC 7638 thumbprint's shape
        let (size, d) = qr_svg_path(text).unwrap();
        let qr = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        assert_eq!(size as i32, qr.size() + 8);
        assert_eq!(qr.size(), 33, "43 characters fit version 4 at level M");
        let grid = paint(size, &d);
        for y in 0..size as i32 {
            for x in 0..size as i32 {
                let q = QUIET_ZONE;
                let want = (q..size as i32 - q).contains(&x) && (q..size as i32 - q).contains(&y) && qr.get_module(x - q, y - q);
                assert_eq!(grid[y as usize][x as usize], want, "module {x},{y}");
            }
        }
        // The finder pattern's top row: 7 dark modules from the quiet-zone corner.
        assert!(d.starts_with("M4 4h7v1h-7z"));
    }

    #[test]
    fn other_text_gives_another_code_and_too_much_text_none() {
        let (_, a) = qr_svg_path("甲").unwrap();
        let (_, b) = qr_svg_path("乙").unwrap();
        assert_ne!(a, b);
        assert!(qr_svg_path(&"x".repeat(5000)).is_none());
    }
}

//! Photos taken for a duty-log entry, made small enough to keep: a phone's 4000×3000,
//! 5 MB picture becomes a JPEG of at most `side_max` pixels on its longest side (a few
//! hundred KB) plus a thumbnail for lists, before anything is stored. The whole store lives
//! in the browser's quota, and a member takes several photos at every activity.
//!
//! Decoding uses `createImageBitmap` with `imageOrientation: "from-image"`, so a portrait
//! photo whose pixels are stored sideways (EXIF orientation) comes out upright; drawing on
//! an off-DOM canvas and `toBlob` re-encode it, which also drops the EXIF block (and with
//! it the GPS position a phone writes into every picture). Browser only.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Files above this size are refused before decoding: a decoded 30 MB JPEG may need
/// hundreds of MB of memory, which a low-end phone does not have.
pub const INPUT_BYTES_MAX: f64 = 30.0 * 1024.0 * 1024.0;
/// JPEG quality of the stored photo.
pub const PHOTO_QUALITY: f64 = 0.85;
/// JPEG quality of the thumbnail (shown small, so artefacts do not show).
pub const THUMB_QUALITY: f64 = 0.8;

/// Why a file could not be made into a photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoError {
    /// Not a picture the browser can decode (a document, HEIC on most browsers, a broken file).
    NotAnImage,
    /// Larger than [`INPUT_BYTES_MAX`].
    TooLarge,
    /// The browser failed otherwise (out of memory, no canvas); the detail is for logs.
    Failed(String),
}

/// The size that fits `w`×`h` within `side_max` on its longest side, keeping the aspect
/// ratio (rounded, at least 1 px); never larger than the original.
pub fn fit_within(w: u32, h: u32, side_max: u32) -> (u32, u32) {
    let longest = w.max(h);
    if longest <= side_max || side_max == 0 {
        return (w, h);
    }
    #[allow(clippy::cast_possible_truncation)]
    let scale = |v: u32| {
        ((u64::from(v) * u64::from(side_max) + u64::from(longest) / 2) / u64::from(longest)).max(1) as u32
    };
    (scale(w), scale(h))
}

/// Decodes `file`, scales it to at most `side_max` px on its longest side and encodes it
/// as JPEG, and does the same at `thumb_side` for the thumbnail. Returns the two JPEG
/// Blobs and the photo's width and height. Never upscales.
pub async fn prepare_photo(
    file: &web_sys::File,
    side_max: u32,
    thumb_side: u32,
) -> Result<(web_sys::Blob, web_sys::Blob, u32, u32), PhotoError> {
    let media_type = file.type_();
    if !media_type.is_empty() && !media_type.starts_with("image/") {
        return Err(PhotoError::NotAnImage);
    }
    if file.size() > INPUT_BYTES_MAX {
        return Err(PhotoError::TooLarge);
    }
    let bitmap = decode(file).await?;
    let (w, h) = fit_within(bitmap.width(), bitmap.height(), side_max);
    let drawn = draw(&bitmap, w, h);
    bitmap.close();
    let photo_canvas = drawn?;
    let photo = jpeg(&photo_canvas, PHOTO_QUALITY).await;
    // The thumbnail is drawn from the scaled photo: a smaller source, and the same pixels.
    let (tw, th) = fit_within(w, h, thumb_side);
    let thumb = match canvas(tw, th) {
        Ok((c, ctx)) => {
            let drawn = ctx
                .draw_image_with_html_canvas_element_and_dw_and_dh(&photo_canvas, 0.0, 0.0, f64::from(tw), f64::from(th))
                .map_err(|e| failed("draw thumbnail", &e));
            let thumb = match drawn {
                Ok(()) => jpeg(&c, THUMB_QUALITY).await,
                Err(e) => Err(e),
            };
            release(&c);
            thumb
        }
        Err(e) => Err(e),
    };
    release(&photo_canvas);
    Ok((photo?, thumb?, w, h))
}

/// `createImageBitmap(file, { imageOrientation: "from-image" })`; an engine that rejects
/// the option (TypeError) is asked again without it. A file that does not decode is
/// [`PhotoError::NotAnImage`].
async fn decode(file: &web_sys::Blob) -> Result<web_sys::ImageBitmap, PhotoError> {
    let window = web_sys::window().ok_or_else(|| PhotoError::Failed("no window".into()))?;
    let options = web_sys::ImageBitmapOptions::new();
    options.set_image_orientation(web_sys::ImageOrientation::FromImage);
    let with_options = window
        .create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)
        .map_err(|e| failed("createImageBitmap", &e))?;
    let decoded = match JsFuture::from(with_options).await {
        Err(e) if e.is_instance_of::<js_sys::TypeError>() => {
            let plain = window.create_image_bitmap_with_blob(file).map_err(|e| failed("createImageBitmap", &e))?;
            JsFuture::from(plain).await
        }
        other => other,
    };
    decoded.map_err(|_| PhotoError::NotAnImage)?.dyn_into().map_err(|_| PhotoError::NotAnImage)
}

/// A `w`×`h` canvas (not in the document) holding `bitmap` scaled, on white: JPEG has no
/// transparency, and transparent pixels would otherwise turn black.
fn draw(bitmap: &web_sys::ImageBitmap, w: u32, h: u32) -> Result<web_sys::HtmlCanvasElement, PhotoError> {
    let (c, ctx) = canvas(w, h)?;
    let drawn = ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, f64::from(w), f64::from(h));
    match drawn {
        Ok(()) => Ok(c),
        Err(e) => {
            release(&c);
            Err(failed("draw", &e))
        }
    }
}

fn canvas(w: u32, h: u32) -> Result<(web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d), PhotoError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| PhotoError::Failed("no document".into()))?;
    let c: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|e| failed("canvas", &e))?
        .dyn_into()
        .map_err(|_| PhotoError::Failed("not a canvas".into()))?;
    c.set_width(w);
    c.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = c
        .get_context("2d")
        .map_err(|e| failed("canvas context", &e))?
        .and_then(|ctx| ctx.dyn_into().ok())
        .ok_or_else(|| PhotoError::Failed("no 2d context".into()))?;
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    // Not in web-sys; browsers without it keep their default ("low"), which still works.
    let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
    Ok((c, ctx))
}

/// `canvas.toBlob(…, "image/jpeg", quality)` as a future. `toBlob` hands `null` to its
/// callback when it cannot encode (e.g. a canvas too large for the device).
async fn jpeg(c: &web_sys::HtmlCanvasElement, quality: f64) -> Result<web_sys::Blob, PhotoError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = c.to_blob_with_type_and_encoder_options(&resolve, "image/jpeg", &JsValue::from_f64(quality)) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let value = JsFuture::from(promise).await.map_err(|e| failed("toBlob", &e))?;
    value.dyn_into().map_err(|_| PhotoError::Failed("the browser could not encode the photo".into()))
}

/// Frees a canvas' pixels now rather than at garbage collection (iOS Safari caps the total
/// canvas memory of a page, and a member may add nine photos in a row).
fn release(c: &web_sys::HtmlCanvasElement) {
    c.set_width(0);
    c.set_height(0);
}

fn failed(op: &str, e: &JsValue) -> PhotoError {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    PhotoError::Failed(format!("{op}: {detail}"))
}

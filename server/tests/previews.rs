mod common;

use std::io::Cursor;

use common::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

fn encode(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn photo(w: u32, h: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    }))
}

async fn preview(s: &Server, path: &str, query: &str) -> reqwest::Response {
    s.get(&format!("files/get_preview/{}{query}", enc(path)))
        .await
}

async fn decoded(r: reqwest::Response) -> (String, DynamicImage) {
    assert_eq!(r.status(), 200);
    let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
    let bytes = r.bytes().await.unwrap();
    (ct, image::load_from_memory(&bytes).unwrap())
}

#[tokio::test]
async fn thumbnails_of_images() {
    let s = start().await;
    let png = encode(photo(1200, 600), ImageFormat::Png);
    let m = s.upload("/pics/wide.png", &png).await;
    assert!(m.thumbnail);
    assert!(!s.upload("/pics/notes.txt", b"text").await.thumbnail);
    assert!(!s.list("/pics").await.thumbnail);

    let (ct, small) = decoded(preview(&s, "/pics/wide.png", "").await).await;
    assert_eq!(ct, "image/jpeg");
    assert_eq!((small.width(), small.height()), (256, 128));
    let (_, medium) = decoded(preview(&s, "/pics/wide.png", "?size=medium").await).await;
    assert_eq!((medium.width(), medium.height()), (1024, 512));

    // Cached on disk by content and edge.
    let thumbs = s.dir.path().join("data/thumbs");
    let md5 = md5_hex(&png);
    assert!(thumbs.join(format!("{md5}-256")).is_file());
    assert!(thumbs.join(format!("{md5}-1024")).is_file());
    // Served again from the cache, with an ETag that answers 304.
    let r = preview(&s, "/pics/wide.png", "?size=small").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let r = s
        .get_if_none_match("files/get_preview/pics/wide.png", &etag)
        .await;
    assert_eq!(r.status(), 304);

    // Small images are not enlarged; transparency stays (PNG); JPEG, GIF and WebP decode.
    let tiny = DynamicImage::ImageRgba8(RgbaImage::from_pixel(40, 30, Rgba([1, 2, 3, 100])));
    s.upload("/pics/tiny.png", &encode(tiny, ImageFormat::Png))
        .await;
    let (ct, t) = decoded(preview(&s, "/pics/tiny.png", "?size=medium").await).await;
    assert_eq!((ct.as_str(), t.width(), t.height()), ("image/png", 40, 30));
    for (name, format) in [
        ("/pics/p.jpg", ImageFormat::Jpeg),
        ("/pics/p.gif", ImageFormat::Gif),
        ("/pics/p.webp", ImageFormat::WebP),
    ] {
        let img = if format == ImageFormat::Gif {
            DynamicImage::ImageRgba8(photo(300, 500).to_rgba8())
        } else {
            photo(300, 500)
        };
        s.upload(name, &encode(img, format)).await;
        let (_, t) = decoded(preview(&s, name, "").await).await;
        assert_eq!((t.width(), t.height()), (154, 256), "{name}");
    }
}

#[tokio::test]
async fn no_preview_answers() {
    let s = start().await;
    s.upload("/notes.txt", b"plain text").await;
    s.upload("/broken.jpg", b"not really a jpeg").await;
    s.mkdir("/dir").await;
    for path in ["/notes.txt", "/broken.jpg", "/dir"] {
        let (status, body) = error_of(preview(&s, path, "").await).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (404, "NoPreview"),
            "{path}"
        );
    }
    let (_, body) = error_of(preview(&s, "/missing.png", "").await).await;
    assert_eq!(body.error, "NotFound");
    s.upload("/a.png", &encode(photo(10, 10), ImageFormat::Png))
        .await;
    let (status, _) = error_of(preview(&s, "/a.png", "?size=huge").await).await;
    assert_eq!(status, 400);
    // An older version has its own preview.
    let r = preview(&s, "/a.png", "?version=2").await;
    assert_eq!(error_of(r).await.0, 404);
    let r = preview(&s, "/a.png", "?version=1").await;
    assert_eq!(r.status(), 200);

    // Deleting the picture for good removes its cached thumbnails too.
    let png = encode(photo(30, 20), ImageFormat::Png);
    s.upload("/gone.png", &png).await;
    assert_eq!(preview(&s, "/gone.png", "").await.status(), 200);
    let cached = s
        .dir
        .path()
        .join(format!("data/thumbs/{}-256", md5_hex(&png)));
    assert!(cached.is_file());
    let r = s
        .post(
            "fileops/delete/",
            &[("path", "/gone.png"), ("without_trash", "true")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(!cached.exists());
}

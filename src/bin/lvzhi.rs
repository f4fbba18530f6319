//! `lvzhi`: the committee staff's native tool for hand-off bundles (issue 5).
//!
//! `lvzhi verify FILE…`, `lvzhi show FILE`, `lvzhi export-csv FILE… > out.csv`, with
//! `--lang en` for English. Exit codes: 0 all files valid, 1 a file invalid or unreadable,
//! 2 wrong usage. It shares `lvzhi::bundle` and `lvzhi::i18n` with the browser app, so a
//! file the app accepts is a file this accepts. On wasm32 it is an empty stub (Trunk builds
//! only `lvzhi-web`, but `cargo check --target wasm32-unknown-unknown` sees every bin).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(cli::run(&args));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;

    use lvzhi::bundle::{self, BundleError, Verified, BUNDLE_MAX_BYTES};
    use lvzhi::domain::lifecycle::Status;
    use lvzhi::domain::proposal::Category;
    use lvzhi::i18n::{file_size, Lang, Texts};
    use serde_json::Value;

    const USAGE: i32 = 2;

    pub fn run(args: &[String]) -> i32 {
        let mut lang = Lang::Zh;
        let mut rest = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let code = match a.as_str() {
                "--lang" => it.next().map(String::as_str),
                _ => match a.strip_prefix("--lang=") {
                    Some(code) => Some(code),
                    None => {
                        rest.push(a.as_str());
                        continue;
                    }
                },
            };
            lang = match code {
                Some("zh") | Some("zh-CN") => Lang::Zh,
                Some("en") => Lang::En,
                _ => return usage(Lang::Zh),
            };
        }
        let t = lang.texts();
        match rest.as_slice() {
            ["verify", files @ ..] if !files.is_empty() => verify(t, files),
            ["show", file] => show(t, file),
            ["export-csv", files @ ..] if !files.is_empty() => export_csv(t, files),
            // Not in the usage text: writes a sample bundle signed by a fixed test key.
            ["sign-demo", out] => sign_demo(out),
            _ => usage(lang),
        }
    }

    fn usage(lang: Lang) -> i32 {
        eprintln!("{}", lang.texts().cli_usage);
        USAGE
    }

    /// Reads and verifies one file. The size is checked on the file's metadata first, so
    /// an oversized file is refused without being read.
    fn open(t: &Texts, file: &str) -> Result<Verified, String> {
        let size = std::fs::metadata(file).map_err(|e| (t.cli_cannot_read)(file, &e.to_string()))?.len();
        if size > BUNDLE_MAX_BYTES as u64 {
            let e = BundleError::TooLarge { max_bytes: BUNDLE_MAX_BYTES, size: usize::try_from(size).unwrap_or(usize::MAX) };
            return Err((t.cli_fail)(file, &t.bundle_error(&e)));
        }
        let bytes = std::fs::read(file).map_err(|e| (t.cli_cannot_read)(file, &e.to_string()))?;
        bundle::verify(&bytes).map_err(|e| (t.cli_fail)(file, &t.bundle_error(&e)))
    }

    fn counts(t: &Texts, v: &Verified) -> String {
        let counts: Vec<String> =
            v.payload.item_counts().iter().map(|(ty, n)| (t.bundle_count)(t.bundle_item_type(ty), *n)).collect();
        if counts.is_empty() {
            t.bundle_no_items.to_string()
        } else {
            counts.join(t.bundle_list_sep)
        }
    }

    /// Writes to stdout, ignoring a closed pipe (`lvzhi show x | head`).
    fn out(text: &str) {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }

    fn verify(t: &Texts, files: &[&str]) -> i32 {
        let mut code = 0;
        for file in files {
            match open(t, file) {
                Ok(v) => {
                    let s = &v.payload.signer;
                    out(&format!("{}\n", (t.cli_ok)(file, &s.name, &s.member_id, &v.fingerprint, &counts(t, &v))));
                }
                Err(line) => {
                    out(&format!("{line}\n"));
                    code = 1;
                }
            }
        }
        code
    }

    fn show(t: &Texts, file: &str) -> i32 {
        let v = match open(t, file) {
            Ok(v) => v,
            Err(line) => {
                out(&format!("{line}\n"));
                return 1;
            }
        };
        let p = &v.payload;
        let l = |label: &str, value: &str| format!("{}\n", (t.labelled)(label, value));
        let mut s = format!("{}\n", t.bundle_valid);
        s += &l(t.bundle_signer, &p.signer.name);
        s += &l(t.bundle_member_id, &p.signer.member_id);
        s += &l(t.bundle_sector, &p.signer.sector);
        s += &l(t.bundle_fingerprint, &v.fingerprint);
        s += &l(t.bundle_key_id, &v.key_id);
        s += &l(t.bundle_kind, t.bundle_kind_name(&p.kind));
        s += &l(t.bundle_created_at, &p.created_at);
        s += &l(t.bundle_seq, &p.seq.to_string());
        s += &l(t.bundle_prev, p.prev.as_deref().unwrap_or(t.bundle_none));
        s += &l(t.bundle_device, &p.device_id);
        s += &l(t.bundle_app, &format!("{} {}", p.app.name, p.app.version));
        s += &l(t.bundle_payload_hash, &v.payload_sha256);
        s += &l(t.bundle_items, &counts(t, &v));
        for item in &p.items {
            // One line per item: line breaks typed into a title are shown as spaces.
            let title = item.data.get("title").and_then(Value::as_str).unwrap_or("").replace(['\r', '\n'], " ");
            s += &format!("  {}\n", (t.bundle_item_line)(t.bundle_item_type(&item.r#type), &item.id, item.rev, &title));
        }
        let n = p.attachments.len();
        s += &l(t.bundle_attachments, &if n == 0 { t.bundle_none.to_string() } else { n.to_string() });
        for a in &p.attachments {
            s += &format!("  {}\n", (t.bundle_attachment_line)(&a.name, &a.media_type, &file_size(a.size), &a.owner_id));
        }
        out(&s);
        0
    }

    /// One CSV record with the shared RFC 4180 quoting and formula guard.
    fn row(fields: &[String]) -> String {
        lvzhi::staff::csv::row(fields)
    }

    /// A text field of a proposal's data, "" when absent.
    fn text<'a>(data: &'a Value, path: &[&str]) -> &'a str {
        path.iter().try_fold(data, |v, k| v.get(k)).and_then(Value::as_str).unwrap_or("")
    }

    fn export_csv(t: &Texts, files: &[&str]) -> i32 {
        let mut code = 0;
        let mut csv = String::from(lvzhi::staff::csv::BOM);
        csv += &row(&t.csv_header.map(String::from));
        for file in files {
            let v = match open(t, file) {
                Ok(v) => v,
                Err(line) => {
                    eprintln!("{line}");
                    code = 1;
                    continue;
                }
            };
            let signer = &v.payload.signer;
            for item in v.payload.items.iter().filter(|i| i.r#type == "proposal") {
                let d = &item.data;
                let or = |s: &str, fallback: &str| if s.is_empty() { fallback.to_string() } else { s.to_string() };
                let category = d.get("category").cloned().unwrap_or(Value::Null);
                let category = match serde_json::from_value::<Category>(category.clone()) {
                    Ok(c) => t.category(c).to_string(),
                    Err(_) => category.as_str().unwrap_or("").to_string(),
                };
                let status = d.get("status").cloned().unwrap_or(Value::Null);
                let status = match serde_json::from_value::<Status>(status.clone()) {
                    Ok(s) => t.status(s).to_string(),
                    Err(_) => status.as_str().unwrap_or("").to_string(),
                };
                let co_signers: Vec<&str> = d
                    .get("co_signers")
                    .and_then(Value::as_array)
                    .map(|list| list.iter().map(|c| text(c, &["name"])).filter(|n| !n.is_empty()).collect())
                    .unwrap_or_default();
                csv += &row(&[
                    or(text(d, &["proposer", "name"]), &signer.name),
                    or(text(d, &["proposer", "member_id"]), &signer.member_id),
                    or(text(d, &["sector"]), &signer.sector),
                    text(d, &["title"]).to_string(),
                    category,
                    status,
                    item.rev.to_string(),
                    co_signers.join(t.bundle_list_sep),
                    item.updated_at.clone(),
                    (*file).to_string(),
                ]);
            }
        }
        out(&csv);
        code
    }

    fn sign_demo(path: &str) -> i32 {
        let key = bundle::DeviceKey::from_seed([7; 32]);
        let payload = bundle::payload::demo(&key);
        match bundle::sign(&key, &payload).map(|b| std::fs::write(path, b.text)) {
            Ok(Ok(())) => 0,
            Ok(Err(e)) => {
                eprintln!("{e}");
                1
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        }
    }
}

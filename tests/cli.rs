//! The staff tool `lvzhi` run as a program, and the independent Node verifier
//! (tests/interop/verify-dsse.mjs) on bundles signed by our code. Native only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use lvzhi::bundle::payload::demo;
use lvzhi::bundle::{sign, DeviceKey};

/// A fresh folder for this test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lvzhi-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes the demo bundle (valid) and a copy with one byte of the signature changed.
fn fixtures(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let d = dir(name);
    let k = DeviceKey::from_seed([7; 32]);
    let text = sign(&k, &demo(&k)).unwrap().text;
    let good = d.join("王秀兰-2025-11-25-1.lvzhi.json");
    std::fs::write(&good, &text).unwrap();
    let at = text.find("\"sig\":\"").unwrap() + 10;
    let mut bad = text.into_bytes();
    bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
    let bad_path = d.join("bad.lvzhi.json");
    std::fs::write(&bad_path, bad).unwrap();
    (d, good, bad_path)
}

fn lvzhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lvzhi")).args(args).output().unwrap()
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn verify_reports_each_file_and_sets_the_exit_code() {
    let (_d, good, bad) = fixtures("verify");
    let ok = lvzhi(&["verify", s(&good)]);
    assert_eq!(ok.status.code(), Some(0));
    let out = String::from_utf8(ok.stdout).unwrap();
    assert!(out.starts_with("有效"), "{out}");
    assert!(out.contains("王秀兰") && out.contains("2026-017") && out.contains("提案 2"), "{out}");

    let mixed = lvzhi(&["verify", s(&good), s(&bad)]);
    assert_eq!(mixed.status.code(), Some(1));
    let out = String::from_utf8(mixed.stdout).unwrap();
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().nth(1).unwrap().contains("文件内容被改动过：签名与内容不符"), "{out}");

    let en = lvzhi(&["--lang", "en", "verify", s(&bad)]);
    assert_eq!(en.status.code(), Some(1));
    assert!(String::from_utf8(en.stdout).unwrap().starts_with("FAIL"));

    assert_eq!(lvzhi(&["verify", "/no/such/file.json"]).status.code(), Some(1));
    assert_eq!(lvzhi(&[]).status.code(), Some(2));
    assert_eq!(lvzhi(&["verify"]).status.code(), Some(2));
    assert_eq!(lvzhi(&["frobnicate", s(&good)]).status.code(), Some(2));
    assert_eq!(lvzhi(&["--lang", "fr", "verify", s(&good)]).status.code(), Some(2));
}

#[test]
fn show_summarises_a_bundle() {
    let (_d, good, bad) = fixtures("show");
    let o = lvzhi(&["show", s(&good)]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    for want in ["委员：王秀兰", "密钥指纹：", "类别：委员提交", "序号：1", "关于完善县域公交线路的建议", "调研照片.jpg", "第 2 版"] {
        assert!(out.contains(want), "missing {want} in\n{out}");
    }
    assert_eq!(lvzhi(&["show", s(&bad)]).status.code(), Some(1));
}

#[test]
fn export_csv_has_a_bom_one_row_per_proposal_and_rfc4180_quoting() {
    let (_d, good, bad) = fixtures("csv");
    let o = lvzhi(&["export-csv", s(&good), s(&bad)]);
    assert_eq!(o.status.code(), Some(1), "the bad file makes the exit code 1");
    assert!(String::from_utf8(o.stderr).unwrap().contains("bad.lvzhi.json"));
    let csv = o.stdout;
    assert_eq!(&csv[..3], b"\xef\xbb\xbf", "UTF-8 BOM for Excel");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut rows = csv.split("\r\n");
    assert_eq!(rows.next().unwrap(), "提案人,委员证号,界别,案由,类别,状态,版本,联名人,更新时间,文件");
    let first = rows.next().unwrap();
    // The title holds a Chinese comma, quotes and a line break: quoted, quotes doubled.
    assert!(first.starts_with("王秀兰,2026-017,农业和农村界,\"关于加强农村\"\"一老一小\"\"服务，\n补齐短板的建议\",社会建设,已提交,2,李明、张华,"), "{first}");
    assert!(first.ends_with("王秀兰-2025-11-25-1.lvzhi.json"));
    assert!(rows.next().unwrap().contains(",关于完善县域公交线路的建议,经济建设,已提交,1,,"));
    assert_eq!(rows.next(), Some(""), "rows end with CRLF; the duty log is not a row");
    assert_eq!(rows.next(), None);

    let only_good = lvzhi(&["export-csv", s(&good)]);
    assert_eq!(only_good.status.code(), Some(0));
}

#[test]
fn independent_node_verifier_accepts_our_bundles_and_rejects_a_changed_byte() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("SKIPPED: `node` is not installed, so tests/interop/verify-dsse.mjs cannot run");
        return;
    }
    let (_d, good, bad) = fixtures("interop");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/verify-dsse.mjs");
    let run = |f: &PathBuf| Command::new("node").arg(script).arg(f).output().unwrap();
    let o = run(&good);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("OK "));
    let o = run(&bad);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("FAIL "));
    // One changed byte inside the signed payload.
    let text = std::fs::read_to_string(&good).unwrap();
    let at = text.find("\"payload\":\"").unwrap() + 40;
    let mut changed = text.into_bytes();
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    let changed_path = good.with_file_name("changed.lvzhi.json");
    std::fs::write(&changed_path, changed).unwrap();
    assert_eq!(run(&changed_path).status.code(), Some(1));
    assert_eq!(lvzhi(&["verify", s(&changed_path)]).status.code(), Some(1));
}

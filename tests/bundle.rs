//! The signed bundle (issue 5): fixed vectors, round trips and every bad input refused with
//! its own reason. Native only.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use lvzhi::bundle::error::{AttachmentFault, BundleError as E};
use lvzhi::bundle::json::canonical;
use lvzhi::bundle::payload::demo;
use lvzhi::bundle::{
    fingerprint, key_id, pae, public_key_b64, rfc3339_utc, sign, uuid_v7, verify, DeviceKey, BUNDLE_MAX_BYTES,
    PAYLOAD_TYPE,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn key() -> DeviceKey {
    DeviceKey::from_seed([7; 32])
}

/// The demo bundle, signed.
fn good() -> String {
    let k = key();
    sign(&k, &demo(&k)).unwrap().text
}

/// A DSSE envelope built by hand around any body, signed by `signer`.
fn envelope(signer: &DeviceKey, payload_type: &str, body: &[u8], keyid: &str) -> String {
    let sig = signer.sign_message(&pae(payload_type, body));
    json!({"payloadType": payload_type, "payload": STANDARD.encode(body),
        "signatures": [{"keyid": keyid, "sig": STANDARD.encode(sig)}]})
    .to_string()
}

/// The demo payload as JSON, changed by `edit`, canonical, correctly signed by the demo key.
fn signed_with(edit: impl FnOnce(&mut Value)) -> String {
    let k = key();
    let mut v = serde_json::to_value(demo(&k)).unwrap();
    edit(&mut v);
    envelope(&k, PAYLOAD_TYPE, &canonical(&v), &k.key_id())
}

fn payload_bytes(text: &str) -> Vec<u8> {
    let env: Value = serde_json::from_str(text).unwrap();
    STANDARD.decode(env["payload"].as_str().unwrap()).unwrap()
}

fn err(text: impl AsRef<[u8]>) -> E {
    verify(text.as_ref()).expect_err("must be refused")
}

// ── Fixed vectors ─────────────────────────────────────────────────────────────────────

#[test]
fn rfc8032_test_vector_1() {
    let seed: [u8; 32] = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").try_into().unwrap();
    let k = DeviceKey::from_seed(seed);
    assert_eq!(k.public_key().to_vec(), unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    let sig = k.sign_message(b"");
    assert_eq!(
        sig.to_vec(),
        unhex(concat!(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555",
            "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ))
    );
    // RFC 8037 A.3: the JWK thumbprint of this very key.
    assert_eq!(k.key_id(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    assert_eq!(public_key_b64(&k.public_key()), "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
}

#[test]
fn key_id_is_the_rfc7638_thumbprint_built_by_hand() {
    let public = key().public_key();
    let x = URL_SAFE_NO_PAD.encode(public);
    let jwk = String::from("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"") + &x + "\"}";
    let expected = URL_SAFE_NO_PAD.encode(Sha256::digest(jwk.as_bytes()));
    assert_eq!(key_id(&public), expected);
    assert_eq!(key().key_id(), expected);
    assert_eq!(expected.len(), 43);
}

#[test]
fn pae_matches_the_dsse_spec_example() {
    assert_eq!(pae("http://example.com/HelloWorld", b"hello world"), b"DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    assert_eq!(pae("", b""), b"DSSEv1 0  0 ");
    // Lengths are byte counts, not characters.
    assert_eq!(pae("类", "字".as_bytes()), "DSSEv1 3 类 3 字".as_bytes());
}

#[test]
fn fingerprint_is_six_groups_derived_from_the_key_id_bytes() {
    let id = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    let bytes = URL_SAFE_NO_PAD.decode(id).unwrap();
    let expected: Vec<String> =
        bytes.chunks(4).take(6).map(|c| format!("{:04}", u32::from_be_bytes(c.try_into().unwrap()) % 10_000)).collect();
    let fp = fingerprint(id);
    assert_eq!(fp, expected.join(" "));
    assert_eq!(fp.len(), 29);
    assert!(fp.split(' ').all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit())));
    assert_ne!(fingerprint(&key().key_id()), fp);
    // Not a key id: still six groups, deterministic.
    assert_eq!(fingerprint("abc"), fingerprint("abc"));
    assert_eq!(fingerprint("abc").split(' ').count(), 6);
}

#[test]
fn uuid_v7_and_times() {
    let id = uuid_v7(0x0189_8f2c_3d4e, [0xff; 10]);
    assert_eq!(id, "01898f2c-3d4e-7fff-bfff-ffffffffffff");
    assert_eq!(uuid_v7(0, [0; 10]), "00000000-0000-7000-8000-000000000000");
    assert_eq!(rfc3339_utc(1_795_595_400_000), "2026-11-25T08:30:00.000Z");
    assert_eq!(rfc3339_utc(1_795_595_400_123), "2026-11-25T08:30:00.123Z");
}

// ── JCS ───────────────────────────────────────────────────────────────────────────────

#[test]
fn canonical_json_follows_rfc8785() {
    // RFC 8785 §3.2.3: keys sort by UTF-16 code units (so U+1F600 sorts before U+FB33).
    let v: Value = serde_json::from_str(
        r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",
            "\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#,
    )
    .unwrap();
    let keys: Vec<String> = serde_json::from_slice::<serde_json::Map<String, Value>>(&canonical(&v)).unwrap().keys().cloned().collect();
    let text = String::from_utf8(canonical(&v)).unwrap();
    let order: Vec<usize> = ["\r", "1", "\u{80}", "\u{f6}", "\u{20ac}", "\u{1f600}", "\u{fb33}"]
        .iter()
        .map(|k| text.find(&format!("\"{}\":", if *k == "\r" { "\\r" } else { k })).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(keys.len(), 7);
    // Escaping as JSON.stringify: short escapes, lowercase \u00xx, everything else literal.
    let v = json!({"b": 1, "a": [true, null, "\u{f}\"\\/\u{2028}é"], "c": {"z": -9007199254740991i64, "y": {}}});
    assert_eq!(
        String::from_utf8(canonical(&v)).unwrap(),
        "{\"a\":[true,null,\"\\u000f\\\"\\\\/\u{2028}é\"],\"b\":1,\"c\":{\"y\":{},\"z\":-9007199254740991}}"
    );
}

#[test]
fn signing_round_trips_and_repeats_byte_for_byte() {
    let k = key();
    let payload = demo(&k);
    let a = sign(&k, &payload).unwrap();
    let v = verify(a.text.as_bytes()).unwrap();
    assert_eq!(v.payload, payload);
    assert_eq!(v.key_id, k.key_id());
    assert_eq!(v.fingerprint, fingerprint(&k.key_id()));
    assert_eq!(v.payload_sha256, a.payload_sha256);
    let body = payload_bytes(&a.text);
    assert_eq!(body.len(), a.payload_bytes);
    assert_eq!(lvzhi::bundle::sha256_hex(&body), a.payload_sha256);
    // The payload is its own canonical form, and signing again gives the same file.
    assert_eq!(canonical(&serde_json::from_slice(&body).unwrap()), body);
    assert_eq!(sign(&k, &v.payload).unwrap(), a);
    assert!(a.text.ends_with("}\n"));
}

#[test]
fn sign_refuses_what_verify_would_refuse() {
    let k = key();
    let mut p = demo(&k);
    p.items[0].r#type = "secret".into();
    assert_eq!(sign(&k, &p), Err(E::UnknownItemType { item_type: "secret".into() }));
    let mut p = demo(&k);
    p.items[0].data = json!({"score": 1.5});
    assert_eq!(sign(&k, &p), Err(E::FloatInPayload { path: "items[0].data.score".into() }));
    let mut p = demo(&k);
    p.items[0].data = json!({"n": [1u64 << 53]});
    assert_eq!(sign(&k, &p), Err(E::NumberOutOfRange { path: "items[0].data.n[0]".into() }));
    let other = DeviceKey::from_seed([8; 32]);
    assert!(matches!(sign(&other, &demo(&k)), Err(E::SignedByOtherKey { .. })));
}

// ── Bad input, each with its own reason ─────────────────────────────────────────────

#[test]
fn tampered_payload_is_refused() {
    let text = good();
    let body = String::from_utf8(payload_bytes(&text)).unwrap().replace("王秀兰", "王秀英");
    let env: Value = serde_json::from_str(&text).unwrap();
    let forged = text.replace(env["payload"].as_str().unwrap(), &STANDARD.encode(body));
    assert_eq!(err(forged), E::BadSignature);
}

#[test]
fn tampered_signature_is_refused() {
    let text = good();
    let env: Value = serde_json::from_str(&text).unwrap();
    let sig = env["signatures"][0]["sig"].as_str().unwrap();
    let mut bytes = STANDARD.decode(sig).unwrap();
    bytes[10] ^= 1;
    assert_eq!(err(text.replace(sig, &STANDARD.encode(&bytes))), E::BadSignature);
    // A signature of the wrong length is refused the same way.
    assert_eq!(err(text.replace(sig, &STANDARD.encode(&bytes[..63]))), E::BadSignature);
}

#[test]
fn signature_by_another_key_is_refused() {
    let k = key();
    let other = DeviceKey::from_seed([8; 32]);
    let body = payload_bytes(&good());
    assert_eq!(err(envelope(&other, PAYLOAD_TYPE, &body, &other.key_id())), E::SignedByOtherKey { keyid: other.key_id() });
    // Claiming the right key id does not help.
    assert_eq!(err(envelope(&other, PAYLOAD_TYPE, &body, &k.key_id())), E::BadSignature);
}

#[test]
fn key_id_that_does_not_match_the_key_is_refused() {
    let other = DeviceKey::from_seed([8; 32]).key_id();
    assert_eq!(err(signed_with(|v| v["signer"]["key_id"] = json!(other))), E::KeyIdMismatch);
    // The envelope's keyid naming another key than the one that signed.
    let k = key();
    let body = payload_bytes(&good());
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, &body, &other)), E::KeyIdMismatch);
    // An envelope without keyid is fine (DSSE allows it).
    assert!(verify(envelope(&k, PAYLOAD_TYPE, &body, "").as_bytes()).is_ok());
    assert_eq!(err(signed_with(|v| v["signer"]["public_key"] = json!("AAAA"))), E::BadPublicKey);
}

#[test]
fn wrong_payload_type_or_version_is_refused() {
    let k = key();
    let body = payload_bytes(&good());
    assert_eq!(
        err(envelope(&k, "application/json", &body, &k.key_id())),
        E::WrongPayloadType { found: "application/json".into() }
    );
    assert_eq!(
        err(envelope(&k, "application/vnd.lvzhi.bundle+json; version=2", &body, &k.key_id())),
        E::UnsupportedVersion { found: "2".into() }
    );
    assert_eq!(err(signed_with(|v| v["version"] = json!(2))), E::UnsupportedVersion { found: "2".into() });
    assert_eq!(err(signed_with(|v| v["format"] = json!("other"))), E::UnsupportedFormat { found: "other".into() });
}

#[test]
fn truncated_empty_and_non_text_files_are_refused() {
    let text = good();
    assert_eq!(err(&text[..text.len() / 2]), E::Truncated);
    assert_eq!(err(&text[..text.len() - 3]), E::Truncated);
    assert_eq!(err(""), E::Empty);
    assert_eq!(err(" \n"), E::Empty);
    let mut bytes = text.into_bytes();
    bytes[5] = 0xff;
    assert_eq!(err(&bytes), E::InvalidUtf8);
}

#[test]
fn not_json_says_where() {
    assert_eq!(err("hello"), E::NotJson { line: 1, column: 1 });
    assert_eq!(err("{\n  \"a\": 1,\n  x\n}"), E::NotJson { line: 3, column: 3 });
    assert_eq!(err(good() + "x"), E::NotJson { line: 2, column: 1 });
    assert_eq!(err("[1, 2]"), E::NotAnEnvelope { field: String::new() });
    assert_eq!(err("{\"payloadType\": 1}"), E::NotAnEnvelope { field: "payloadType".into() });
    let with_extra = good().replacen('{', "{\"note\":\"x\",", 1);
    assert_eq!(err(with_extra), E::NotAnEnvelope { field: "note".into() });
}

#[test]
fn duplicate_keys_are_refused_in_envelope_and_payload() {
    let text = good().replacen('{', "{\"payloadType\":\"x\",", 1);
    assert_eq!(err(text), E::DuplicateKey { path: "payloadType".into() });
    let text = good().replacen("{\"keyid\"", "{\"sig\":\"AA==\",\"keyid\"", 1);
    assert_eq!(err(text), E::DuplicateKey { path: "signatures[0].sig".into() });
    // Inside the signed payload: `items[0].id` twice, correctly signed.
    let k = key();
    let body = String::from_utf8(payload_bytes(&good())).unwrap();
    let at = body.find("\"rev\":2,").unwrap();
    let dup = format!("{}\"rev\":1,{}", &body[..at], &body[at..]);
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, dup.as_bytes(), &k.key_id())), E::DuplicateKey { path: "items[0].data.rev".into() });
    let dup = body.replacen("{\"app\"", "{\"items\":[],\"app\"", 1);
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, dup.as_bytes(), &k.key_id())), E::DuplicateKey { path: "items".into() });
}

#[test]
fn non_canonical_payload_is_refused() {
    let k = key();
    let v: Value = serde_json::to_value(demo(&k)).unwrap();
    let pretty = serde_json::to_vec_pretty(&v).unwrap();
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, &pretty, &k.key_id())), E::PayloadNotCanonical);
    let unsorted = serde_json::to_vec(&demo(&k)).unwrap(); // struct order, not sorted
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, &unsorted, &k.key_id())), E::PayloadNotCanonical);
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, b"not json", &k.key_id())), E::PayloadNotJson);
    assert_eq!(err(good().replacen("\"payload\":\"", "\"payload\":\"*", 1)), E::BadBase64 { field: "payload".into() });
}

#[test]
fn file_over_the_size_limit_is_refused_before_parsing() {
    let big = vec![b'{'; BUNDLE_MAX_BYTES + 1];
    let start = std::time::Instant::now();
    assert_eq!(err(&big), E::TooLarge { max_bytes: BUNDLE_MAX_BYTES, size: BUNDLE_MAX_BYTES + 1 });
    assert!(start.elapsed() < std::time::Duration::from_millis(20), "{:?}", start.elapsed());
    assert_eq!(BUNDLE_MAX_BYTES, 50 * 1024 * 1024);
}

#[test]
fn unknown_item_types_and_bad_fields_are_refused() {
    assert_eq!(err(signed_with(|v| v["items"][1]["type"] = json!("secret"))), E::UnknownItemType { item_type: "secret".into() });
    assert_eq!(err(signed_with(|v| v["items"][1]["id"] = json!(""))), E::EmptyId { field: "items[1].id".into() });
    assert_eq!(err(signed_with(|v| v["kind"] = json!("gift"))), E::UnknownKind { found: "gift".into() });
    assert_eq!(
        err(signed_with(|v| v["items"][0]["updated_at"] = json!("yesterday"))),
        E::BadTimestamp { field: "items[0].updated_at".into() }
    );
    assert_eq!(
        err(signed_with(|v| {
            v["signer"].as_object_mut().unwrap().remove("name");
        })),
        E::MissingField { field: "signer.name".into() }
    );
    assert_eq!(err(signed_with(|v| v["extra"] = json!(1))), E::UnknownField { field: "extra".into() });
    assert!(matches!(err(signed_with(|v| v["seq"] = json!("1"))), E::WrongType { field, .. } if field == "seq"));
    assert!(matches!(err(signed_with(|v| v["items"][0]["rev"] = json!(-1))), E::WrongType { field, .. } if field == "items[0].rev"));
    assert_eq!(
        err(signed_with(|v| v["items"][1] = v["items"][0].clone())),
        E::DuplicateItem { item_type: "proposal".into(), id: demo(&key()).items[0].id.clone(), rev: 2 }
    );
    // Numbers JavaScript cannot hold exactly.
    let k = key();
    let body = String::from_utf8(payload_bytes(&good())).unwrap();
    let with = |n: &str| body.replacen("\"seq\":1", &format!("\"seq\":{n}"), 1);
    assert_eq!(err(envelope(&k, PAYLOAD_TYPE, with("1.0").as_bytes(), &k.key_id())), E::FloatInPayload { path: "seq".into() });
    assert_eq!(
        err(envelope(&k, PAYLOAD_TYPE, with("9007199254740992").as_bytes(), &k.key_id())),
        E::NumberOutOfRange { path: "seq".into() }
    );
}

#[test]
fn attachment_that_does_not_match_its_hash_or_size_is_refused() {
    let sha = |v: &mut Value| v["attachments"][0]["sha256"] = json!("00".repeat(32));
    assert_eq!(err(signed_with(sha)), E::BadAttachment { id: "a1".into(), fault: AttachmentFault::Sha256 });
    assert_eq!(
        err(signed_with(|v| v["attachments"][0]["size"] = json!(3))),
        E::BadAttachment { id: "a1".into(), fault: AttachmentFault::Size { declared: 3, actual: 8 } }
    );
    assert_eq!(
        err(signed_with(|v| v["attachments"][0]["data"] = json!("%%%"))),
        E::BadAttachment { id: "a1".into(), fault: AttachmentFault::Base64 }
    );
}

#[test]
fn missing_signature_is_refused() {
    let env: Value = serde_json::from_str(&good()).unwrap();
    let none = json!({"payloadType": PAYLOAD_TYPE, "payload": env["payload"], "signatures": []});
    assert_eq!(err(none.to_string()), E::NoSignature);
}

/// Property: no byte flip or truncation of a valid file verifies, and none panics.
/// (Deterministic xorshift, so a failure reproduces. The trailing newline is whitespace
/// JSON ignores, so flips stop before it.)
#[test]
fn random_flips_and_truncations_never_verify() {
    let text = good().into_bytes();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let mut bytes = text.clone();
        let at = (next() % (text.len() as u64 - 1)) as usize;
        bytes[at] ^= 1 << (next() % 8);
        assert!(verify(&bytes).is_err(), "flip at {at} verified");
        let cut = (next() % (text.len() as u64 - 1)) as usize;
        assert!(verify(&text[..cut]).is_err(), "truncation at {cut} verified");
    }
}

/// Issue 5's bar: native verification at ≥ 50 MB/s. Measured on a ~5 MB bundle with 5,000
/// items and a 1 MB attachment (release builds are several times faster than this debug
/// check, which only guards against an accidental quadratic path).
#[test]
fn verification_is_fast_enough() {
    let k = key();
    let mut p = demo(&k);
    let data = p.items[0].data.clone();
    for i in 0..5000u32 {
        let mut item = p.items[0].clone();
        item.id = format!("p-{i}");
        item.data = data.clone();
        item.data["reasons"] = json!("调研发现，".repeat(100));
        p.items.push(item);
    }
    p.attachments.push(lvzhi::bundle::attachment("a2", "p-1", "big.bin", "application/octet-stream", &vec![7u8; 1 << 20]));
    let text = sign(&k, &p).unwrap().text;
    // The best of three runs: a rate, not the machine's load, is what is asserted.
    let secs = (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            verify(text.as_bytes()).unwrap();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    let mb_s = text.len() as f64 / 1e6 / secs;
    eprintln!("verify: {:.1} MB in {:.0} ms = {mb_s:.0} MB/s", text.len() as f64 / 1e6, secs * 1e3);
    assert!(mb_s > if cfg!(debug_assertions) { 2.0 } else { 50.0 }, "{mb_s:.1} MB/s");
}

// ── Fuzzing seeds ─────────────────────────────────────────────────────────────────────

/// The seed corpus of the cargo-fuzz targets (`fuzz/`, docs/BUNDLE.md "Fuzzing"), made from
/// the fixtures above: a valid member bundle, a staff receipt and an encrypted backup, each as
/// a whole file and as the part behind its outer layer (payload bytes, backup doc). All are
/// signed by the seed-7 key `fuzz/fuzz_targets/bundle_payload.rs` signs with.
fn fuzz_seeds() -> Vec<(&'static str, Vec<u8>)> {
    use lvzhi::bundle::backup::{seal_doc, BackupBlob, BackupDoc, DOC_FORMAT};
    use lvzhi::bundle::seal::SealParams;
    use lvzhi::staff::receipt::{sign_receipt, Committee, ReceiptMeta, ReceiptStatus};
    let k = key();
    let bundle = good();
    let committee = Committee { code: "QYZX".into(), name: "青阳县政协".into(), device_id: "office-1".into() };
    let status: ReceiptStatus = serde_json::from_value(json!({
        "member_id": "2026-017", "received": [demo(&k).bundle_id],
        "updates": [
            {"id": "s1", "proposal_id": demo(&k).items[0].id, "at_ms": 1_764_100_000_000i64, "by": "staff",
             "kind": {"type": "filed", "number": "〔2026〕第12号"}},
        ],
    }))
    .unwrap();
    let meta = ReceiptMeta { bundle_id: uuid_v7(1_764_100_000_000, [5; 10]), created_ms: 1_764_100_000_000, seq: 1, prev: None };
    let receipt = sign_receipt(&committee, &k, &meta, &[status]).unwrap().text;
    let mut stores = std::collections::BTreeMap::new();
    stores.insert("proposals".to_string(), vec![serde_json::to_value(&demo(&k).items[0].data).unwrap()]);
    stores.insert("attachments".to_string(), vec![json!({"id": "a1", "owner_id": demo(&k).items[0].id, "size": 9})]);
    let doc = BackupDoc {
        format: DOC_FORMAT.into(),
        created_at: "2026-11-25T08:00:00.000Z".into(),
        schema_version: 2,
        stores,
        blobs: vec![BackupBlob::new("attachments", "a1".into(), "blob", "image/jpeg", b"\xff\xd8\xff demo")],
    };
    // The passphrase of fuzz/fuzz_targets/backup_file.rs; the cheapest Argon2 cost it opens fast.
    let fast = SealParams { m_cost_kib: 64, t_cost: 1, p_cost: 1 };
    let backup = seal_doc(&doc, "模糊测试口令 fuzz", [1; 16], [2; 12], fast).unwrap();
    vec![
        ("bundle_file/member.lvzhi.json", bundle.clone().into_bytes()),
        ("bundle_file/receipt.lvzhi.json", receipt.clone().into_bytes()),
        ("bundle_payload/member.json", payload_bytes(&bundle)),
        ("bundle_payload/receipt.json", payload_bytes(&receipt)),
        ("backup_file/backup.lvzhi-backup.json", backup.into_bytes()),
        ("backup_doc/doc.json", serde_json::to_vec(&doc).unwrap()),
    ]
}

/// The committed seeds are exactly what the fixtures make today, so the fuzzer starts from
/// valid files of the current format. `LVZHI_WRITE_FUZZ_SEEDS=1 cargo test --test bundle
/// fuzz_seeds` rewrites them after a deliberate format change.
#[test]
fn fuzz_seeds_are_current_and_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (name, bytes) in fuzz_seeds() {
        let path = dir.join(name);
        if std::env::var_os("LVZHI_WRITE_FUZZ_SEEDS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(committed == bytes, "{name} is stale: rerun with LVZHI_WRITE_FUZZ_SEEDS=1");
        if name.starts_with("bundle_file/") {
            verify(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        }
    }
    assert!(lvzhi::bundle::backup::open_doc(
        std::str::from_utf8(&std::fs::read(dir.join("backup_file/backup.lvzhi-backup.json")).unwrap()).unwrap(),
        "模糊测试口令 fuzz"
    )
    .is_ok());
}

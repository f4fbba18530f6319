//! Passphrase encryption of bytes: the member's private key when they protect it, and the
//! encrypted backup file (issue 5).
//!
//! Argon2id turns the passphrase into a 256-bit key, AES-256-GCM encrypts and authenticates.
//! Everything needed to open the data again except the passphrase travels in [`Sealed`]
//! (a small JSON object), so the Argon2 cost can be raised later without breaking old files.
//!
//! Pure Rust for native and wasm32, with no RNG inside: callers pass fresh random salt and
//! nonce bytes (the browser takes them from `crypto.getRandomValues`). A nonce must never be
//! reused with the same key; since each seal derives a new key from a new salt, a fresh
//! salt per seal is what matters, and the nonce is fresh as well.
//!
//! The passphrase is used as its UTF-8 bytes, unchanged: no trimming and no Unicode
//! normalisation (Chinese input methods produce NFC text already).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// The `format` of every sealed object this code writes and reads.
pub const FORMAT: &str = "lvzhi-sealed/1";
pub const KDF: &str = "argon2id";
pub const CIPHER: &str = "aes-256-gcm";
/// Fewest characters (Unicode scalar values, so "口令" counts 2) a new passphrase needs.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Upper bounds on the Argon2 cost a file may ask for. A sealed file comes from outside;
/// one asking for gigabytes of memory or minutes of hashing would freeze or crash a phone
/// browser before the passphrase could even be checked, so such files are refused first.
pub const MAX_M_COST_KIB: u32 = 256 * 1024;
pub const MAX_T_COST: u32 = 10;
pub const MAX_P_COST: u32 = 4;
/// Memory × passes: 4 passes over 256 MiB at most, ≈ 5× the default's work (1 s on the
/// machine that measured the default, several seconds on a phone).
pub const MAX_WORK_KIB: u64 = 4 * 256 * 1024;

const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;
/// The GCM tag at the end of the ciphertext.
const TAG_LEN: usize = 16;

/// Argon2id cost, stored with the sealed data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Passes over the memory.
    pub t_cost: u32,
    /// Lanes. The browser runs them one after another (wasm is single-threaded), so more
    /// lanes buy no speed there.
    pub p_cost: u32,
}

impl SealParams {
    /// RFC 9106's second recommended option (64 MiB, 3 passes, 1 lane), for a phone to
    /// take about half a second to a second per seal or open. Measured on a 2-core AMD EPYC
    /// server (2026-11): 0.15 s per derivation natively (release) and the same in wasm
    /// (opt-level z, run by V8 in Node; Argon2's 64-bit arithmetic maps directly onto wasm, so
    /// wasm is not the slowdown here). A mid-range phone core is some 2–3× slower and a
    /// low-end one 5–8×, hence ~0.3–1.2 s. OWASP's minimum (19 MiB, 2 passes) measured
    /// 0.02 s here, under 0.2 s on a phone: cheaper to guess than we can afford. The cost of
    /// 64 MiB: wasm memory never shrinks, so the tab keeps that much after the first seal
    /// until it is reloaded; phones cope with that.
    pub const DEFAULT: SealParams = SealParams { m_cost_kib: 64 * 1024, t_cost: 3, p_cost: 1 };

    /// Whether a file may ask for this cost: within Argon2's own rules and our bounds.
    fn check(self) -> Result<Params, SealError> {
        let SealParams { m_cost_kib: m, t_cost: t, p_cost: p } = self;
        let in_bounds = (1..=MAX_T_COST).contains(&t)
            && (1..=MAX_P_COST).contains(&p)
            && m <= MAX_M_COST_KIB
            && u64::from(m) * u64::from(t) <= MAX_WORK_KIB;
        if !in_bounds {
            return Err(SealError::BadParams);
        }
        // Argon2's own minimum memory is 8 KiB per lane.
        Params::new(m, t, p, Some(KEY_LEN)).map_err(|_| SealError::BadParams)
    }
}

/// Encrypted bytes with everything needed to open them except the passphrase.
/// Binary fields are standard base64 with padding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// [`FORMAT`].
    pub format: String,
    /// [`KDF`].
    pub kdf: String,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    /// 16 random bytes.
    pub salt: String,
    /// [`CIPHER`].
    pub cipher: String,
    /// 12 random bytes.
    pub nonce: String,
    /// The encrypted bytes followed by the 16-byte GCM tag.
    pub ciphertext: String,
}

impl Sealed {
    pub fn params(&self) -> SealParams {
        SealParams { m_cost_kib: self.m_cost_kib, t_cost: self.t_cost, p_cost: self.p_cost }
    }
}

/// Why a passphrase cannot protect a key or a backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    Empty,
    /// Fewer than `min` characters.
    TooShort { min: usize },
}

/// Why sealing or opening failed. Each has its own sentence in `i18n` (`Texts::seal_error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
    /// Sealing refuses a passphrase that [`passphrase_problem`] objects to.
    Passphrase(PassphraseProblem),
    /// `format` is not [`FORMAT`] (a newer app, or not a sealed object at all).
    UnknownFormat,
    /// `kdf` is not [`KDF`].
    UnknownKdf,
    /// `cipher` is not [`CIPHER`].
    UnknownCipher,
    /// Argon2 cost outside Argon2's rules or our bounds; refused before any hashing.
    BadParams,
    /// Salt not base64 or not 16 bytes.
    BadSalt,
    /// Nonce not base64 or not 12 bytes.
    BadNonce,
    /// Ciphertext not base64 or shorter than the tag.
    BadCiphertext,
    /// The GCM tag did not match: a wrong passphrase, or data changed since sealing
    /// (the two cannot be told apart, by design).
    WrongPassphrase,
    /// Encryption itself failed (plaintext over GCM's 64 GB limit); not expected in practice.
    Cipher,
}

/// What is wrong with a new passphrase, if anything. Characters are counted, not bytes,
/// so "我们的履职口令" (7) is too short and "我们的履职口令啊" (8) is not.
pub fn passphrase_problem(passphrase: &str) -> Option<PassphraseProblem> {
    if passphrase.trim().is_empty() {
        return Some(PassphraseProblem::Empty);
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Some(PassphraseProblem::TooShort { min: MIN_PASSPHRASE_CHARS });
    }
    None
}

/// Derives the AES key; the key is wiped from memory when dropped.
fn derive_key(passphrase: &str, salt: &[u8], params: Params) -> Result<Zeroizing<[u8; KEY_LEN]>, SealError> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|_| SealError::BadParams)?;
    Ok(key)
}

fn cipher(key: &[u8; KEY_LEN]) -> Aes256Gcm {
    Aes256Gcm::new(key.into())
}

/// Encrypts `plaintext` under `passphrase`. `aad` binds the result to its use (e.g.
/// `b"lvzhi-key/1"` for a private key, so a sealed backup cannot be passed off as a key):
/// it is not stored, and [`open`] must be given the same bytes.
pub fn seal(
    plaintext: &[u8],
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    params: SealParams,
    aad: &[u8],
) -> Result<Sealed, SealError> {
    if let Some(problem) = passphrase_problem(passphrase) {
        return Err(SealError::Passphrase(problem));
    }
    let argon = params.check()?;
    let key = derive_key(passphrase, &salt, argon)?;
    let ciphertext = cipher(&key)
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad })
        .map_err(|_| SealError::Cipher)?;
    Ok(Sealed {
        format: FORMAT.to_string(),
        kdf: KDF.to_string(),
        m_cost_kib: params.m_cost_kib,
        t_cost: params.t_cost,
        p_cost: params.p_cost,
        salt: B64.encode(salt),
        cipher: CIPHER.to_string(),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    })
}

/// Decrypts what [`seal`] made, with the cost stored in `sealed`. Every field is checked
/// before the (slow) key derivation, so a malformed or hostile file fails at once.
pub fn open(sealed: &Sealed, passphrase: &str, aad: &[u8]) -> Result<Vec<u8>, SealError> {
    if sealed.format != FORMAT {
        return Err(SealError::UnknownFormat);
    }
    if sealed.kdf != KDF {
        return Err(SealError::UnknownKdf);
    }
    if sealed.cipher != CIPHER {
        return Err(SealError::UnknownCipher);
    }
    let argon = sealed.params().check()?;
    let salt = B64.decode(&sealed.salt).ok().filter(|s| s.len() == SALT_LEN).ok_or(SealError::BadSalt)?;
    let nonce = B64.decode(&sealed.nonce).ok().filter(|n| n.len() == NONCE_LEN).ok_or(SealError::BadNonce)?;
    let ciphertext =
        B64.decode(&sealed.ciphertext).ok().filter(|c| c.len() >= TAG_LEN).ok_or(SealError::BadCiphertext)?;
    let key = derive_key(passphrase, &salt, argon)?;
    cipher(&key)
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &ciphertext, aad })
        .map_err(|_| SealError::WrongPassphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap parameters so the tests run fast; the default is timed separately.
    const FAST: SealParams = SealParams { m_cost_kib: 64, t_cost: 1, p_cost: 1 };
    const SALT: [u8; 16] = [7; 16];
    const NONCE: [u8; 12] = [9; 12];
    const AAD: &[u8] = b"lvzhi-key/1";
    const PASS: &str = "履职口令𠀀🔑 emoji";

    fn binary() -> Vec<u8> {
        (0..=255u8).chain([0, 0, 255, 0xfe]).collect()
    }

    fn sealed() -> Sealed {
        seal(&binary(), PASS, SALT, NONCE, FAST, AAD).unwrap()
    }

    /// Decodes a base64 field, flips one bit of byte `i`, encodes it again.
    fn flip(field: &str, i: usize) -> String {
        let mut bytes = B64.decode(field).unwrap();
        bytes[i] ^= 1;
        B64.encode(bytes)
    }

    #[test]
    fn round_trip_with_any_characters_and_binary_data() {
        let s = sealed();
        assert_eq!(s.format, "lvzhi-sealed/1");
        assert_eq!((s.kdf.as_str(), s.cipher.as_str()), ("argon2id", "aes-256-gcm"));
        assert_eq!(B64.decode(&s.ciphertext).unwrap().len(), binary().len() + 16);
        assert_ne!(B64.decode(&s.ciphertext).unwrap()[..binary().len()], binary()[..]);
        assert_eq!(open(&s, PASS, AAD).unwrap(), binary());
        // Through JSON and back, as it is stored.
        let json = serde_json::to_string(&s).unwrap();
        let back: Sealed = serde_json::from_str(&json).unwrap();
        assert_eq!(open(&back, PASS, AAD).unwrap(), binary());
        // Empty plaintext too.
        let empty = seal(b"", PASS, SALT, NONCE, FAST, b"").unwrap();
        assert_eq!(open(&empty, PASS, b"").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn same_inputs_give_the_same_output_and_a_new_salt_changes_it() {
        assert_eq!(sealed(), sealed());
        let other = seal(&binary(), PASS, [8; 16], NONCE, FAST, AAD).unwrap();
        assert_ne!(other.ciphertext, sealed().ciphertext);
    }

    #[test]
    fn wrong_passphrase_is_refused() {
        let s = sealed();
        assert_eq!(open(&s, "履职口令𠀀🔑 emojI", AAD), Err(SealError::WrongPassphrase));
        assert_eq!(open(&s, "", AAD), Err(SealError::WrongPassphrase));
        // No trimming: a trailing space is a different passphrase.
        assert_eq!(open(&s, &format!("{PASS} "), AAD), Err(SealError::WrongPassphrase));
    }

    #[test]
    fn tampering_with_any_part_is_refused() {
        let s = sealed();
        let len = B64.decode(&s.ciphertext).unwrap().len();
        for i in [0, 100, len - 17, len - 16, len - 1] {
            let t = Sealed { ciphertext: flip(&s.ciphertext, i), ..s.clone() };
            assert_eq!(open(&t, PASS, AAD), Err(SealError::WrongPassphrase), "ciphertext byte {i}");
        }
        let t = Sealed { nonce: flip(&s.nonce, 11), ..s.clone() };
        assert_eq!(open(&t, PASS, AAD), Err(SealError::WrongPassphrase));
        let t = Sealed { salt: flip(&s.salt, 0), ..s.clone() };
        assert_eq!(open(&t, PASS, AAD), Err(SealError::WrongPassphrase));
        assert_eq!(open(&s, PASS, b"lvzhi-backup/1"), Err(SealError::WrongPassphrase));
        assert_eq!(open(&s, PASS, b""), Err(SealError::WrongPassphrase));
        // Truncated ciphertext: one byte short of the tag alone is malformed, a cut body fails the tag.
        let bytes = B64.decode(&s.ciphertext).unwrap();
        let t = Sealed { ciphertext: B64.encode(&bytes[..15]), ..s.clone() };
        assert_eq!(open(&t, PASS, AAD), Err(SealError::BadCiphertext));
        let t = Sealed { ciphertext: B64.encode(&bytes[..bytes.len() - 1]), ..s.clone() };
        assert_eq!(open(&t, PASS, AAD), Err(SealError::WrongPassphrase));
    }

    #[test]
    fn params_are_stored_and_honoured() {
        let p = SealParams { m_cost_kib: 128, t_cost: 3, p_cost: 2 };
        let s = seal(b"key", PASS, SALT, NONCE, p, AAD).unwrap();
        assert_eq!((s.m_cost_kib, s.t_cost, s.p_cost), (128, 3, 2));
        assert_eq!(s.params(), p);
        assert_eq!(open(&s, PASS, AAD).unwrap(), b"key");
        // Other costs derive another key: the stored ones are the ones used.
        for changed in [
            Sealed { m_cost_kib: 136, ..s.clone() },
            Sealed { t_cost: 2, ..s.clone() },
            Sealed { p_cost: 1, ..s.clone() },
        ] {
            assert_eq!(open(&changed, PASS, AAD), Err(SealError::WrongPassphrase), "{:?}", changed.params());
        }
        assert_ne!(seal(b"key", PASS, SALT, NONCE, FAST, AAD).unwrap().ciphertext, s.ciphertext);
    }

    /// Absurd costs are refused at once: if they were not, this test would try to allocate
    /// 4 TiB or hash for hours.
    #[test]
    fn absurd_params_are_refused_before_any_work() {
        let s = sealed();
        let absurd = [
            (u32::MAX, 1, 1),
            (MAX_M_COST_KIB + 1, 1, 1),
            (MAX_M_COST_KIB, 5, 1),
            (64, 0, 1),
            (64, MAX_T_COST + 1, 1),
            (64, u32::MAX, 1),
            (64, 1, 0),
            (64, 1, MAX_P_COST + 1),
            (4, 1, 1),  // under Argon2's minimum of 8 KiB per lane
            (16, 1, 4), // likewise
        ];
        for (m, t, p) in absurd {
            let t2 = Sealed { m_cost_kib: m, t_cost: t, p_cost: p, ..s.clone() };
            assert_eq!(open(&t2, PASS, AAD), Err(SealError::BadParams), "{m} {t} {p}");
            let params = SealParams { m_cost_kib: m, t_cost: t, p_cost: p };
            assert_eq!(seal(b"x", PASS, SALT, NONCE, params, AAD), Err(SealError::BadParams), "{m} {t} {p}");
        }
        assert!(SealParams::DEFAULT.check().is_ok());
        assert!(SealParams { m_cost_kib: MAX_M_COST_KIB, t_cost: 4, p_cost: MAX_P_COST }.check().is_ok());
    }

    #[test]
    fn malformed_fields_get_their_own_error() {
        let s = sealed();
        let cases = [
            (Sealed { format: "lvzhi-sealed/2".into(), ..s.clone() }, SealError::UnknownFormat),
            (Sealed { kdf: "scrypt".into(), ..s.clone() }, SealError::UnknownKdf),
            (Sealed { cipher: "chacha20-poly1305".into(), ..s.clone() }, SealError::UnknownCipher),
            (Sealed { salt: "not base64!".into(), ..s.clone() }, SealError::BadSalt),
            (Sealed { salt: B64.encode([1; 8]), ..s.clone() }, SealError::BadSalt),
            (Sealed { nonce: B64.encode([1; 16]), ..s.clone() }, SealError::BadNonce),
            (Sealed { nonce: String::new(), ..s.clone() }, SealError::BadNonce),
            (Sealed { ciphertext: "%%%".into(), ..s.clone() }, SealError::BadCiphertext),
            (Sealed { ciphertext: String::new(), ..s.clone() }, SealError::BadCiphertext),
        ];
        for (bad, want) in cases {
            assert_eq!(open(&bad, PASS, AAD), Err(want));
        }
        assert!(serde_json::from_str::<Sealed>(r#"{"format":"lvzhi-sealed/1"}"#).is_err());
    }

    #[test]
    fn passphrases_are_counted_in_characters() {
        assert_eq!(passphrase_problem(""), Some(PassphraseProblem::Empty));
        assert_eq!(passphrase_problem("   \t"), Some(PassphraseProblem::Empty));
        assert_eq!(passphrase_problem("1234567"), Some(PassphraseProblem::TooShort { min: 8 }));
        assert_eq!(passphrase_problem("12345678"), None);
        // 7 characters but 21 bytes: too short; 8 characters: fine.
        assert_eq!(passphrase_problem("我们的履职口令"), Some(PassphraseProblem::TooShort { min: 8 }));
        assert_eq!(passphrase_problem("我们的履职口令啊"), None);
        assert_eq!(passphrase_problem("𠀀𠀀𠀀𠀀🔑🔑🔑"), Some(PassphraseProblem::TooShort { min: 8 }));
        // Sealing refuses what the check refuses.
        assert_eq!(
            seal(b"x", "口令", SALT, NONCE, FAST, AAD),
            Err(SealError::Passphrase(PassphraseProblem::TooShort { min: 8 }))
        );
        assert_eq!(seal(b"x", "", SALT, NONCE, FAST, AAD), Err(SealError::Passphrase(PassphraseProblem::Empty)));
    }

    /// Not an assertion: prints how long the default cost takes here. Run with
    /// `cargo test --release --lib default_params_timing -- --nocapture` for a meaningful number.
    #[test]
    fn default_params_timing() {
        let start = std::time::Instant::now();
        let s = seal(&[1; 64], PASS, SALT, NONCE, SealParams::DEFAULT, AAD).unwrap();
        let sealed_in = start.elapsed();
        assert_eq!(open(&s, PASS, AAD).unwrap(), vec![1; 64]);
        println!("SealParams::DEFAULT: seal {sealed_in:?}, seal + open {:?}", start.elapsed());
    }
}

//! Why a bundle is refused: one variant per reason, with the data its sentence needs.
//! `i18n::Texts::bundle_error` words them.

/// The kind of value a payload field must hold (for [`BundleError::WrongType`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Text,
    WholeNumber,
    TextOrNull,
    Object,
    List,
}

/// What is wrong with one attachment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentFault {
    /// `data` is not standard base64.
    Base64,
    /// `size` differs from the decoded length.
    Size { declared: u64, actual: u64 },
    /// `sha256` differs from the hash of the decoded bytes.
    Sha256,
}

/// Every reason a bundle is refused, in the order `verify` checks (see `docs/BUNDLE.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// The file is larger than [`super::BUNDLE_MAX_BYTES`]; checked before anything is parsed.
    TooLarge { max_bytes: usize, size: usize },
    /// Zero bytes, or only whitespace.
    Empty,
    InvalidUtf8,
    /// The JSON ends in the middle (a cut-off download or copy).
    Truncated,
    /// Not JSON at all; 1-based line and column of the first error.
    NotJson { line: usize, column: usize },
    /// The same key twice in one object; `path` is where, e.g. `payload.items[0].id`.
    DuplicateKey { path: String },
    /// JSON, but not a DSSE envelope: `field` is the envelope field missing or of the wrong
    /// kind (`payloadType`, `payload`, `signatures`, `signatures[0].sig`), or "" when the
    /// file is not a JSON object.
    NotAnEnvelope { field: String },
    /// A `payloadType` that is not ours.
    WrongPayloadType { found: String },
    /// Ours, but a version this app does not read (in `payloadType` or `payload.version`).
    UnsupportedVersion { found: String },
    /// A base64 field that does not decode (`payload`, `signatures[0].sig`).
    BadBase64 { field: String },
    /// The signed payload is not strict JSON (not UTF-8, syntax, duplicate keys inside are
    /// reported as `DuplicateKey`).
    PayloadNotJson,
    /// The payload bytes are not the RFC 8785 form of their own content.
    PayloadNotCanonical,
    /// `payload.format` is not `lvzhi-bundle`.
    UnsupportedFormat { found: String },
    MissingField { field: String },
    WrongType { field: String, expected: FieldType },
    UnknownField { field: String },
    /// No entry in `signatures`.
    NoSignature,
    /// The signature does not verify (`verify_strict`) against the signer's key: the payload
    /// or the signature was changed.
    BadSignature,
    /// The envelope's signature names another key (`keyid`) than the payload's signer and
    /// does not verify against the signer's key.
    SignedByOtherKey { keyid: String },
    /// `signer.key_id` is not the RFC 7638 thumbprint of `signer.public_key`.
    KeyIdMismatch,
    /// `signer.public_key` is not a 32-byte base64url Ed25519 public key.
    BadPublicKey,
    UnknownKind { found: String },
    UnknownItemType { item_type: String },
    /// An id that must not be empty (`items[3].id`, `attachments[0].id`, `bundle_id`).
    EmptyId { field: String },
    /// The same (type, id, rev) twice.
    DuplicateItem { item_type: String, id: String, rev: u32 },
    /// A time that is not RFC 3339 (`created_at`, `items[2].updated_at`).
    BadTimestamp { field: String },
    BadAttachment { id: String, fault: AttachmentFault },
    /// A number with a fraction or exponent (JCS would need float formatting we forbid).
    FloatInPayload { path: String },
    /// An integer beyond ±(2⁵³−1).
    NumberOutOfRange { path: String },
}

impl std::fmt::Display for BundleError {
    /// English, for logs and `?` in tools; people see `Texts::bundle_error`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.texts().bundle_error(self))
    }
}

impl std::error::Error for BundleError {}

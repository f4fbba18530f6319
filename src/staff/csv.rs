//! RFC 4180 CSV, both ways: the writer shared by the staff exports and `lvzhi export-csv`,
//! and the reader of roster files. Spreadsheets (Excel, WPS) open UTF-8 only with a BOM,
//! so written files start with one and read files may.

/// The byte-order mark that makes Excel and WPS read a CSV file as UTF-8.
pub const BOM: char = '\u{feff}';

/// One field: quoted when it holds a comma, quote or line break. A field that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so opening the file
/// never executes what a member typed.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One record, fields escaped with [`field`], ending in CRLF.
pub fn row<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| field(f.as_ref())).collect();
    format!("{}\r\n", cells.join(","))
}

/// A whole file: BOM, header, rows.
pub fn document<S: AsRef<str>>(header: &[S], rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    out += &row(header);
    for r in rows {
        out += &row(r);
    }
    out
}

/// One record read from a file, with the 1-based line it starts on (a quoted field may
/// span lines, so later records' lines are counted in the file, not in records).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a file is not CSV, at a 1-based line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvFault {
    /// A quoted field never closes (a lost `"`): everything after it would be one field.
    UnclosedQuote { line: usize },
    /// Text right after a closing quote (`"abc"def`).
    TextAfterQuote { line: usize },
}

/// Reads CSV text: a leading BOM is dropped, records end in CRLF, LF or CR, fields are
/// split on commas, `"…"` quotes with `""` for a quote; a quote inside an unquoted field is
/// kept as text (as Excel does). Lines that are entirely empty are skipped.
pub fn read(text: &str) -> Result<Vec<Record>, CsvFault> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut line = 1;
    let mut start = 1;
    // Whether the current field was quoted (then an empty line is still a record).
    let mut quoted_any = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut end_record = |fields: &mut Vec<String>, cur: &mut String, quoted_any: &mut bool, start: usize| {
        fields.push(std::mem::take(cur));
        let empty = fields.len() == 1 && fields[0].is_empty() && !*quoted_any;
        if !empty {
            records.push(Record { line: start, fields: std::mem::take(fields) });
        }
        fields.clear();
        *quoted_any = false;
    };
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                quoted_any = true;
                let open_line = line;
                loop {
                    match chars.next() {
                        None => return Err(CsvFault::UnclosedQuote { line: open_line }),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cur.push('"');
                        }
                        Some('"') => break,
                        Some(ch) => {
                            if ch == '\n' || (ch == '\r' && chars.peek() != Some(&'\n')) {
                                line += 1;
                            }
                            cur.push(ch);
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(_) => return Err(CsvFault::TextAfterQuote { line }),
                }
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut cur));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut cur, &mut quoted_any, start);
                line += 1;
                start = line;
                at_field_start = true;
            }
            _ => {
                cur.push(c);
                at_field_start = false;
            }
        }
    }
    if !cur.is_empty() || !fields.is_empty() || quoted_any {
        end_record(&mut fields, &mut cur, &mut quoted_any, start);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_guarded() {
        assert_eq!(field("王秀兰"), "王秀兰");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(field("一\n二"), "\"一\n二\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-2,3"), "\"'-2,3\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(row(&["a", "", "b c"]), "a,,b c\r\n");
        let doc = document(&["甲", "乙"], &[vec!["1".into(), "x,y".into()]]);
        assert_eq!(doc, "\u{feff}甲,乙\r\n1,\"x,y\"\r\n");
    }

    #[test]
    fn reading_undoes_writing() {
        let rows = vec![
            vec!["关于\"一老一小\"，\n补齐短板".to_string(), "".into(), "a,b".into()],
            vec!["x".into(), "y\r\nz".into(), "\"".into()],
        ];
        let text = document(&["h1", "h2", "h3"], &rows);
        let read = read(&text).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(read[1].fields, rows[0]);
        assert_eq!(read[2].fields, rows[1]);
        // Lines count where each record starts, through the line breaks inside quotes.
        assert_eq!(read.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn reader_accepts_lf_skips_blank_lines_and_reports_bad_quotes() {
        let r = read("a,b\n\n1,2\n3,\"\"\n").unwrap();
        assert_eq!(r.iter().map(|r| (r.line, r.fields.clone())).collect::<Vec<_>>(), vec![
            (1, vec!["a".to_string(), "b".into()]),
            (3, vec!["1".into(), "2".into()]),
            (4, vec!["3".into(), "".into()]),
        ]);
        assert_eq!(read("a\nb 5\"寸\"").unwrap()[1].fields, ["b 5\"寸\""]);
        assert_eq!(read("a,b\n1,\"2\n3,4\n"), Err(CsvFault::UnclosedQuote { line: 2 }));
        assert_eq!(read("a,b\n\"1\"x,2\n"), Err(CsvFault::TextAfterQuote { line: 2 }));
        assert_eq!(read("").unwrap(), vec![]);
    }
}

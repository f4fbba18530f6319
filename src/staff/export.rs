//! Spreadsheets for staff: the proposal list and the score table, as CSV (UTF-8 with BOM,
//! RFC 4180, formula guard: see [`super::csv`]) and as XLSX (`rust_xlsxwriter`, in
//! memory), both from one [`Sheet`] so the two files always hold the same cells.

use std::collections::HashMap;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::scores::ScoreRow;
use crate::domain::lifecycle::{latest_answer, EventKind, ProposalEvent};
use crate::domain::proposal::Proposal;
use crate::domain::score::Points;
use crate::i18n::Texts;

/// One cell: text, or points (a number in XLSX so Excel sorts and sums it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Text(String),
    Points(#[serde(with = "hundredths")] Points),
}

/// Points on the wire to the XLSX worker as their exact hundredths (`Points`' own
/// `Deserialize` reads a rules file's decimal points instead).
mod hundredths {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::score::Points;

    pub fn serialize<S: Serializer>(p: &Points, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(p.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        i64::deserialize(d).map(Points)
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Points(p) => p.to_string(),
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

/// What the staff page asks of the XLSX worker (`src/xlsx_worker.rs`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct XlsxJob {
    pub sheets: Vec<Sheet>,
    pub now_ms: i64,
}

/// The worker's whole job: the JSON of an [`XlsxJob`] in, the workbook's bytes out (or why not).
pub fn xlsx_from_json(text: &str) -> Result<Vec<u8>, String> {
    let job: XlsxJob = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let sheets: Vec<&Sheet> = job.sheets.iter().collect();
    to_xlsx(&sheets, job.now_ms).map_err(|e| e.to_string())
}

/// A table with a header row, named for the XLSX sheet tab. Serialisable: the staff app
/// hands it to the XLSX worker (`src/xlsx_worker.rs`) as JSON.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// "2026-01-12 09:30" in the caller's time zone (`offset_minutes` east of UTC, e.g. 480
/// for China): the UI passes the browser's offset, so staff see their own clock.
fn local_time(ms: i64, offset_minutes: i32) -> String {
    let shifted = ms.saturating_add(i64::from(offset_minutes) * 60_000);
    chrono::DateTime::from_timestamp_millis(shifted).map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// The proposal list (提案一览): one row per proposal, with what its events say (the
/// units it was assigned to, the latest reply's class, the satisfaction, the time it was
/// last submitted). `events` may hold every proposal's events, members' and staff's.
pub fn proposal_sheet(t: &Texts, proposals: &[Proposal], events: &[ProposalEvent], offset_minutes: i32) -> Sheet {
    let mut by_proposal: HashMap<&str, Vec<&ProposalEvent>> = HashMap::new();
    for e in events {
        by_proposal.entry(e.proposal_id.as_str()).or_default().push(e);
    }
    let rows = proposals
        .iter()
        .map(|p| {
            let mut evs: Vec<ProposalEvent> =
                by_proposal.get(p.id.as_str()).map(|v| v.iter().map(|e| (*e).clone()).collect()).unwrap_or_default();
            crate::domain::lifecycle::timeline_order(&mut evs);
            let assigned = evs.iter().rev().find_map(|e| match &e.kind {
                EventKind::Assigned { lead, assisting } => Some((lead.join(t.bundle_list_sep), assisting.join(t.bundle_list_sep))),
                _ => None,
            });
            let answer = latest_answer(&evs).and_then(|e| match &e.kind {
                EventKind::Answered { class, .. } => Some(t.answer_class(*class)),
                _ => None,
            });
            let satisfaction = evs.iter().rev().find_map(|e| match &e.kind {
                EventKind::Evaluated { satisfaction } => Some(t.satisfaction(*satisfaction)),
                _ => None,
            });
            let submitted = evs.iter().rev().find(|e| matches!(e.kind, EventKind::Submitted { .. }));
            let co: Vec<&str> = p.co_signers.iter().map(|c| c.name.trim()).filter(|n| !n.is_empty()).collect();
            let sector = if p.sector.trim().is_empty() { &p.proposer.sector } else { &p.sector };
            let (lead, assisting) = assigned.unwrap_or_default();
            vec![
                p.filed_number.clone().unwrap_or_default().into(),
                p.title.as_str().into(),
                p.category.map_or("", |c| t.category(c)).into(),
                p.proposer.name.as_str().into(),
                p.proposer.member_id.as_str().into(),
                sector.as_str().into(),
                co.join(t.bundle_list_sep).into(),
                t.status(p.status).into(),
                lead.into(),
                assisting.into(),
                answer.unwrap_or("").into(),
                satisfaction.unwrap_or("").into(),
                submitted.map(|e| local_time(e.at_ms, offset_minutes)).unwrap_or_default().into(),
            ]
        })
        .collect();
    Sheet {
        name: t.staff_sheet_proposals.to_string(),
        header: t.staff_proposal_columns.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

/// Events gathered from several places (members' hand-ins, staff actions; a member who
/// applied a receipt hands staff's events back in), each once by id.
pub fn unique_events(events: impl IntoIterator<Item = ProposalEvent>) -> Vec<ProposalEvent> {
    let mut seen = std::collections::HashSet::new();
    events.into_iter().filter(|e| seen.insert(e.id.clone())).collect()
}

/// The score table (履职考核): name, member id, sector, total, pass, then one column per
/// rule item, then the minimums not met. Rows in the order given (sort them first).
pub fn score_sheet(t: &Texts, rows: &[ScoreRow]) -> Sheet {
    let mut header: Vec<String> = t.staff_score_columns.iter().map(|s| s.to_string()).collect();
    let items: Vec<String> = rows.first().map(|r| r.card.items.iter().map(|i| i.label.clone()).collect()).unwrap_or_default();
    header.splice(5..5, items);
    let rows = rows
        .iter()
        .map(|r| {
            let pass = match (r.pass, r.excellent) {
                (None, _) => "",
                (Some(true), Some(true)) => t.staff_score_excellent,
                (Some(true), _) => t.staff_score_pass,
                (Some(false), _) => t.staff_score_fail,
            };
            let mut cells: Vec<Cell> = vec![
                r.name.as_str().into(),
                r.member_id.as_str().into(),
                r.sector.as_str().into(),
                Cell::Points(r.total),
                pass.into(),
            ];
            cells.extend(r.card.items.iter().map(|i| Cell::Points(i.points)));
            let missing: Vec<String> = r.missing.iter().map(|m| t.missing(m)).collect();
            cells.push(missing.join(t.staff_missing_sep).into());
            cells
        })
        .collect();
    Sheet { name: t.staff_sheet_scores.to_string(), header, rows }
}

/// The sheet as a CSV file: BOM, CRLF, quoted where needed, formulas defused.
pub fn to_csv(sheet: &Sheet) -> String {
    let rows: Vec<Vec<String>> = sheet.rows.iter().map(|r| r.iter().map(Cell::text).collect()).collect();
    super::csv::document(&sheet.header, &rows)
}

/// Display width of text in Excel's character units: CJK and other wide characters
/// count two, so Chinese columns are wide enough. Only the first line counts.
fn width(s: &str) -> usize {
    s.lines().next().unwrap_or("").chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum()
}

/// The sheet as an XLSX file in memory: bold header, first row frozen, a filter on the
/// header, column widths fitted to the text (8 to 60 characters). Every value is written
/// as a string or number, never a formula. `now_ms` becomes the file's creation time (the
/// library's own clock reading is overwritten, so the same input gives the same bytes).
pub fn to_xlsx(sheets: &[&Sheet], now_ms: i64) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(now_ms.div_euclid(1000))?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let points = Format::new().set_num_format("0.##");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))?;
        let mut widths: Vec<usize> = sheet.header.iter().map(|h| width(h)).collect();
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                if c >= widths.len() {
                    widths.push(0);
                }
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, col(c), s)?;
                        widths[c] = widths[c].max(width(s));
                    }
                    Cell::Points(p) => {
                        // Presentation only: hundredths become a decimal number for Excel.
                        ws.write_number_with_format(r, col(c), p.hundredths() as f64 / 100.0, &points)?;
                        widths[c] = widths[c].max(p.to_string().len());
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), (*w + 2).clamp(8, 60) as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.header.is_empty() {
            let last = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, last, col(sheet.header.len() - 1))?;
        }
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A valid sheet tab name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if cleaned.trim().is_empty() { "Sheet1".into() } else { cleaned }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sheet_goes_to_the_worker_and_back_exactly() {
        let sheet = super::Sheet {
            name: "履职考核".into(),
            header: vec!["姓名".into(), "总分".into()],
            rows: vec![vec![super::Cell::from("王秀兰𠀀"), super::Cell::Points(crate::domain::score::Points(1250))]],
        };
        let wire = serde_json::to_string(&sheet).unwrap();
        assert_eq!(serde_json::from_str::<super::Sheet>(&wire).unwrap(), sheet);
    }

    use std::io::Read;

    use super::*;
    use crate::domain::lifecycle::{Actor, AnswerClass, Satisfaction, Status};
    use crate::domain::proposal::{Category, CoSigner};
    use crate::domain::score::{parse_rules, ScoreCard};
    use crate::i18n::Lang;

    fn proposal() -> Proposal {
        let mut p = Proposal::new_draft("p1".into(), &crate::domain::member::sample_profile(), 1, 2026);
        p.title = "关于加强农村\"一老一小\"服务，\n补齐短板的建议".into();
        p.category = Some(Category::Society);
        p.co_signers = vec![CoSigner { name: "李明".into(), member_id: "2026-021".into() }, CoSigner { name: "=HYPERLINK(1)".into(), member_id: "x".into() }];
        p.status = Status::Answered;
        p.filed_number = Some("〔2026〕第12号".into());
        p
    }

    fn ev(id: &str, at_ms: i64, kind: EventKind) -> ProposalEvent {
        ProposalEvent { id: id.into(), proposal_id: "p1".into(), at_ms, by: Actor::Staff, kind }
    }

    fn events() -> Vec<ProposalEvent> {
        vec![
            ev("e1", 1_767_225_600_000, EventKind::Submitted { rev: 1 }), // 2026-01-01T00:00Z
            ev("e2", 1_767_300_000_000, EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec!["县财政局".into(), "县农业农村局".into()] }),
            ev("e3", 1_767_400_000_000, EventKind::Answered { class: AnswerClass::B, date: "2026-06-30".into(), summary: String::new() }),
            ev("e4", 1_767_500_000_000, EventKind::Answered { class: AnswerClass::A, date: "2026-09-30".into(), summary: String::new() }),
            ev("e5", 1_767_600_000_000, EventKind::Evaluated { satisfaction: Satisfaction::BasicallySatisfied }),
        ]
    }

    #[test]
    fn the_proposal_list_reads_its_events() {
        let t = Lang::Zh.texts();
        let sheet = proposal_sheet(t, &[proposal()], &events(), 480);
        assert_eq!(sheet.header.len(), 13);
        assert_eq!(sheet.header[0], "提案号");
        assert_eq!(sheet.header[12], "提交时间");
        let row: Vec<String> = sheet.rows[0].iter().map(Cell::text).collect();
        assert_eq!(row[0], "〔2026〕第12号");
        assert_eq!(row[2], "社会建设");
        assert_eq!(row[3], "王秀兰");
        assert_eq!(row[6], "李明、=HYPERLINK(1)");
        assert_eq!(row[7], t.status(Status::Answered));
        assert_eq!((row[8].as_str(), row[9].as_str()), ("县水利局", "县财政局、县农业农村局"));
        assert_eq!(row[10], t.answer_class(AnswerClass::A), "the latest reply counts");
        assert_eq!(row[11], t.satisfaction(Satisfaction::BasicallySatisfied));
        assert_eq!(row[12], "2026-01-01 08:00");
    }

    #[test]
    fn events_handed_back_in_count_once() {
        let t = Lang::Zh.texts();
        let mut twice = events();
        twice.extend(events());
        let once = unique_events(twice.clone());
        assert_eq!(once, events());
        assert_eq!(proposal_sheet(t, &[proposal()], &once, 480), proposal_sheet(t, &[proposal()], &events(), 480));
        assert!(unique_events(Vec::new()).is_empty());
    }

    #[test]
    fn csv_has_a_bom_quotes_and_no_formulas() {
        let t = Lang::Zh.texts();
        let csv = to_csv(&proposal_sheet(t, &[proposal()], &events(), 480));
        assert!(csv.starts_with("\u{feff}提案号,案由,类别,提案人,委员证号,界别,联名人,状态,主办单位,协办单位,答复类别,满意度,提交时间\r\n"));
        assert!(csv.contains(",\"关于加强农村\"\"一老一小\"\"服务，\n补齐短板的建议\","));
        assert!(csv.contains("李明、=HYPERLINK(1)"), "only a leading = is a formula");
        let guarded = to_csv(&Sheet { name: "x".into(), header: vec!["a".into()], rows: vec![vec!["=cmd|' /C calc'!A0".into()]] });
        assert_eq!(guarded, "\u{feff}a\r\n'=cmd|' /C calc'!A0\r\n");
        let records = super::super::csv::read(&csv).unwrap();
        assert_eq!(records[1].fields[1], "关于加强农村\"一老一小\"服务，\n补齐短板的建议");
    }

    fn unzip(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn xlsx_opens_and_holds_the_chinese_cells() {
        let t = Lang::Zh.texts();
        let rules = parse_rules(r#"{"format":"lvzhi-score-rules/1","name":"x","pass":1,
            "items":[{"id":"m","label":"参加会议","logs":{"kinds":["plenary"],"points":1.5}}]}"#).unwrap();
        let card: ScoreCard = crate::domain::score::score(&rules, &Default::default());
        let row = ScoreRow {
            member_id: "2026-017".into(),
            name: "王秀兰".into(),
            sector: "农业农村界".into(),
            total: Points(250),
            pass: Some(false),
            excellent: None,
            missing: vec![],
            flagged: true,
            card,
        };
        let scores = score_sheet(t, &[row]);
        assert_eq!(scores.header, ["姓名", "委员证号", "界别", "总分", "考核结果", "参加会议", "未达要求"]);
        let proposals = proposal_sheet(t, &[proposal()], &events(), 480);
        let bytes = to_xlsx(&[&proposals, &scores], 1_767_225_600_000).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let strings = unzip(&bytes, "xl/sharedStrings.xml");
        for s in ["提案号", "〔2026〕第12号", "县农业农村局", "王秀兰", "不合格", "参加会议", "=HYPERLINK(1)"] {
            assert!(strings.contains(s), "{s} missing from the shared strings");
        }
        let sheet1 = unzip(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet1.contains(r#"ySplit="1""#) && sheet1.contains(r#"state="frozen""#), "first row frozen");
        assert!(sheet1.contains("<cols>") && sheet1.contains("customWidth=\"1\""));
        assert!(!sheet1.contains("<f>"), "no formulas");
        let sheet2 = unzip(&bytes, "xl/worksheets/sheet2.xml");
        assert!(sheet2.contains("<v>2.5</v>"), "the total is a number");
        let workbook = unzip(&bytes, "xl/workbook.xml");
        assert!(workbook.contains("name=\"提案一览\"") && workbook.contains("name=\"履职考核\""));
        assert!(unzip(&bytes, "docProps/core.xml").contains("2026-01-01T00:00:00Z"));
        assert!(unzip(&bytes, "xl/styles.xml").contains("<b/>"), "bold header");
        // Same input, same bytes: no clock inside.
        assert_eq!(bytes, to_xlsx(&[&proposals, &scores], 1_767_225_600_000).unwrap());
    }

    #[test]
    fn widths_count_chinese_double_and_names_are_cleaned() {
        assert_eq!(width("提案号"), 6);
        assert_eq!(width("ab\n很长很长很长"), 2);
        assert_eq!(sheet_name("a/b:c"), "abc");
        assert_eq!(sheet_name("[]"), "Sheet1");
    }
}

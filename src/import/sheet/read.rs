//! A spreadsheet as rows of cells: a CSV file in whatever encoding and
//! delimiter it was saved with, or one sheet of an `.xlsx`, `.xls` or
//! `.ods` workbook (the value a formula shows, not the formula).

use std::fmt;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

/// One cell as the spreadsheet holds it. Numbers stay numbers until the
/// column says what they are (a date, a phone number, a ZIP code).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date: days since 1899-12-30 (Excel's count).
    Date(f64),
    Bool(bool),
    /// A formula that shows an error (`#REF!`, `#N/A`).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// The rows of one sheet, each with its row number as the spreadsheet
/// shows it (the first row is 1).
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<(u64, Vec<Cell>)>,
    /// How the file was read, when it was not plain UTF-8 with commas:
    /// "read as Windows-1252", "columns separated by ;".
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub enum SheetError {
    Io(PathBuf, std::io::Error),
    Workbook(PathBuf, String),
    NoSuchSheet {
        path: PathBuf,
        wanted: String,
        sheets: Vec<String>,
    },
    Csv(PathBuf, String),
    Format(PathBuf),
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::Io(path, error) => write!(f, "{}: {error}", path.display()),
            SheetError::Workbook(path, error) => write!(
                f,
                "{}: cannot be read as a workbook ({error}); save it again as .xlsx, .ods or CSV",
                path.display()
            ),
            SheetError::NoSuchSheet {
                path,
                wanted,
                sheets,
            } => write!(
                f,
                "{}: no sheet named \"{wanted}\"; its sheets are {}",
                path.display(),
                sheets
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            SheetError::Csv(path, error) => write!(
                f,
                "{}: {error}; save it again as CSV with a header row",
                path.display()
            ),
            SheetError::Format(path) => write!(
                f,
                "{}: not a spreadsheet haven reads; save it as .csv, .xlsx or .ods",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SheetError {}

/// Reads `path`: a workbook by its extension, anything else as CSV.
/// `sheet` picks a workbook's sheet by name; the first otherwise.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx" | "xlsm" | "xls" | "ods") => workbook(path, sheet),
        Some("numbers" | "pdf" | "docx" | "doc") => Err(SheetError::Format(path.to_path_buf())),
        _ => {
            let bytes = std::fs::read(path).map_err(|e| SheetError::Io(path.to_path_buf(), e))?;
            csv_sheet(&bytes).map_err(|error| SheetError::Csv(path.to_path_buf(), error))
        }
    }
}

fn workbook(path: &Path, wanted: Option<&str>) -> Result<Sheet, SheetError> {
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| SheetError::Workbook(path.to_path_buf(), e.to_string()))?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| SheetError::NoSuchSheet {
                path: path.to_path_buf(),
                wanted: wanted.to_string(),
                sheets: names.clone(),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| SheetError::Workbook(path.to_path_buf(), "it has no sheet".into()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| SheetError::Workbook(path.to_path_buf(), e.to_string()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut sheet = Sheet::default();
    if names.len() > 1 && wanted.is_none() {
        sheet.notes.push(format!(
            "read the first sheet, \"{name}\" (the workbook has {}; pick another with --sheet NAME)",
            names.len()
        ));
    }
    for (offset, row) in range.rows().enumerate() {
        // Columns before the range's first are empty: keep positions.
        let mut cells = vec![Cell::Empty; first_column as usize];
        cells.extend(row.iter().map(cell));
        sheet
            .rows
            .push((u64::from(first_row) + offset as u64 + 1, cells));
    }
    Ok(sheet)
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Float(number) => Cell::Number(*number),
        Data::Bool(value) => Cell::Bool(*value),
        Data::DateTime(date) => Cell::Date(date.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Error(error.to_string()),
    }
}

/// A CSV file's bytes as rows: decoded (UTF-8 with or without a byte
/// order mark, UTF-16 as Excel's "Unicode text" writes it, else
/// Windows-1252), with the delimiter its header line uses.
pub fn csv_sheet(bytes: &[u8]) -> Result<Sheet, String> {
    let mut sheet = Sheet::default();
    let (text, encoding) = decode(bytes);
    if let Some(encoding) = encoding {
        sheet.notes.push(format!("read as {encoding}"));
    }
    // Excel's "sep=;" first line names the delimiter.
    let (text, declared) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().starts_with("sep=") => (
            rest.to_string(),
            first.trim()["sep=".len()..].bytes().next(),
        ),
        _ => (text, None),
    };
    let first_line_number = if declared.is_some() { 2 } else { 1 };
    let delimiter = declared.unwrap_or_else(|| sniff_delimiter(&text));
    if delimiter != b',' {
        let name = match delimiter {
            b'\t' => "tabs".to_string(),
            other => format!("\"{}\"", other as char),
        };
        sheet.notes.push(format!("columns separated by {name}"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record
            .position()
            .map_or(0, |p| p.line() + first_line_number - 1);
        let cells = record
            .iter()
            .map(|value| {
                if value.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(value.to_string())
                }
            })
            .collect();
        sheet.rows.push((line, cells));
    }
    Ok(sheet)
}

/// The text and, when it was not UTF-8, the encoding it was read as.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        let name = (encoding != encoding_rs::UTF_8).then_some(encoding.name());
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            // UTF-16 without a byte order mark: every other byte zero.
            let zeros_at_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
            if bytes.len() > 4 && zeros_at_odd * 2 > bytes.len() / 2 {
                let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
                return (text.into_owned(), Some("UTF-16"));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Some("Windows-1252 (not UTF-8)"))
        }
    }
}

/// The delimiter the first line uses most, outside quotes: `,`, `;`
/// (spreadsheets in Spanish and other languages with decimal commas),
/// tab or `|`.
fn sniff_delimiter(text: &str) -> u8 {
    let first_line = first_record(text);
    let count = |delimiter: char| {
        let mut quoted = false;
        first_line
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == delimiter
            })
            .count()
    };
    [',', ';', '\t', '|']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == ','))
        .map_or(b',', |d| d as u8)
}

/// The first record of a CSV text, which may span lines inside quotes.
fn first_record(text: &str) -> &str {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => return &text[..at],
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|(_, cells)| {
                cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => t.clone(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn semicolons_tabs_and_commas_are_each_recognised() {
        for (text, note) in [
            (
                "Nombre;Teléfono\nCasa;505\n",
                Some("columns separated by \";\""),
            ),
            (
                "Name\tPhone\nCasa\t505\n",
                Some("columns separated by tabs"),
            ),
            ("Name,Phone\nCasa,505\n", None),
        ] {
            let sheet = csv_sheet(text.as_bytes()).unwrap();
            assert_eq!(texts(&sheet)[1], ["Casa", "505"], "{text}");
            assert_eq!(sheet.notes.first().map(String::as_str), note);
        }
    }

    #[test]
    fn a_delimiter_inside_quotes_does_not_count() {
        let sheet = csv_sheet(b"\"Name, legal\";Phone;City\nCasa;505;Taos\n").unwrap();
        assert_eq!(texts(&sheet)[0], ["Name, legal", "Phone", "City"]);
    }

    #[test]
    fn windows_1252_and_utf16_files_are_decoded_and_said_so() {
        let latin = b"Nombre,Tel\xe9fono\nCasa Esperanza,505\n";
        let sheet = csv_sheet(latin).unwrap();
        assert_eq!(texts(&sheet)[0][1], "Teléfono");
        assert!(sheet.notes[0].contains("Windows-1252"));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Nombre\tCiudad\nCasa\tEspañola\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let sheet = csv_sheet(&utf16).unwrap();
        assert_eq!(texts(&sheet)[1], ["Casa", "Española"]);
        assert!(sheet.notes.iter().any(|n| n.contains("UTF-16")));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_header() {
        let sheet = csv_sheet("\u{feff}Name,Phone\n".as_bytes()).unwrap();
        assert_eq!(texts(&sheet)[0][0], "Name");
        assert!(sheet.notes.is_empty());
    }

    #[test]
    fn excels_sep_line_names_the_delimiter_and_rows_keep_their_numbers() {
        let sheet = csv_sheet(b"sep=;\nName;Notes\nCasa;\"two\nlines\"\nLuz;x\n").unwrap();
        assert_eq!(texts(&sheet)[0], ["Name", "Notes"]);
        let numbers: Vec<u64> = sheet.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [2, 3, 5]);
    }
}

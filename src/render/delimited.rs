//! Lists as CSV or TSV, for spreadsheets and scripts (`--format csv|tsv`).
//!
//! One header row, then one record per line. The column names are a
//! contract with scripts (the README lists them): add columns at the end,
//! never rename or reorder. A value that is unknown is an empty cell; a list
//! inside a cell (aliases, secondary positions) is joined with `;`.

use crate::query::expiring::ExpiringRow;
use crate::query::records::{ClubView, PlayerView, SourceView};
use crate::query::rumours::RumourView;

/// A list item that can be written as one row.
pub trait Tabular {
    /// The header row.
    const COLUMNS: &'static [&'static str];
    /// The cells, in the order of [`Tabular::COLUMNS`].
    fn cells(&self) -> Vec<String>;
}

/// Which separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Tab,
}

/// The rows with a header, quoted where needed (RFC 4180 for CSV). TSV
/// cannot quote, so a tab or line break inside a value becomes a space.
pub fn write<T: Tabular>(rows: &[T], delimiter: Delimiter) -> String {
    let mut out = csv::WriterBuilder::new()
        .delimiter(match delimiter {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        })
        .quote_style(match delimiter {
            Delimiter::Comma => csv::QuoteStyle::Necessary,
            Delimiter::Tab => csv::QuoteStyle::Never,
        })
        .from_writer(Vec::new());
    let clean = |cell: String| match delimiter {
        Delimiter::Comma => cell,
        Delimiter::Tab => cell.replace(['\t', '\n', '\r'], " "),
    };
    // Writing to memory cannot fail; a failure would only lose the row.
    let _ = out.write_record(T::COLUMNS);
    for row in rows {
        let _ = out.write_record(row.cells().into_iter().map(clean));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn joined<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

impl Tabular for ExpiringRow {
    const COLUMNS: &'static [&'static str] = &[
        "player_id",
        "player",
        "club_id",
        "club",
        "position",
        "born",
        "age",
        "contract_end",
        "loan",
        "pre_contract",
        "open_rumours",
        "ended",
    ];
    fn cells(&self) -> Vec<String> {
        let rumours: Vec<String> = self
            .open_rumours
            .iter()
            .map(|r| match &r.to {
                Some(to) => format!("{} {} {to} ({})", r.id, r.kind, r.status),
                None => format!("{} {} ({})", r.id, r.kind, r.status),
            })
            .collect();
        vec![
            self.player_id.clone(),
            self.player.clone(),
            self.club_id.clone(),
            self.club.clone(),
            self.position.to_string(),
            opt(self.born),
            opt(self.age),
            self.contract_end.to_string(),
            self.loan.to_string(),
            self.pre_contract.to_string(),
            joined(&rumours),
            self.ended.to_string(),
        ]
    }
}

impl Tabular for RumourView {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "player_id",
        "player",
        "kind",
        "from",
        "to",
        "status",
        "likelihood",
        "cold",
        "sources",
        "independent_sources",
        "first_reported",
        "last_reported",
        "fee_low_eur",
        "fee_high_eur",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.player_id.clone(),
            self.player.clone(),
            self.kind.to_string(),
            opt(self.from.as_ref()),
            opt(self.to.as_ref()),
            self.status.to_string(),
            self.likelihood.to_string(),
            self.cold.to_string(),
            self.sources.to_string(),
            self.independent_sources.to_string(),
            opt(self.first_reported),
            opt(self.last_reported),
            opt(self.fees.as_ref().map(|f| f.low_eur)),
            opt(self.fees.as_ref().map(|f| f.high_eur)),
        ]
    }
}

impl Tabular for PlayerView {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "position",
        "also",
        "born",
        "age",
        "nationality",
        "caps",
        "foot",
        "club",
        "contract_end",
        "loan",
        "aliases",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.position.to_string(),
            joined(&self.also),
            opt(self.born),
            opt(self.age),
            opt(self.nationality.as_ref()),
            opt(self.caps),
            opt(self.foot.map(|f| f.as_str())),
            opt(self.club.as_ref()),
            opt(self.contract_end),
            self.loan.to_string(),
            joined(&self.aliases),
        ]
    }
}

impl Tabular for ClubView {
    const COLUMNS: &'static [&'static str] = &[
        "id", "name", "country", "league", "coach", "squad", "aliases",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            opt(self.country.as_ref()),
            opt(self.league.as_ref()),
            opt(self.coach.as_ref()),
            self.squad.to_string(),
            joined(&self.aliases),
        ]
    }
}

impl Tabular for SourceView {
    const COLUMNS: &'static [&'static str] = &[
        "id", "name", "tier", "country", "reports", "hits", "misses", "hit_rate", "aliases",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            opt(self.tier),
            opt(self.country.as_ref()),
            self.reports.to_string(),
            self.hits.to_string(),
            self.misses.to_string(),
            opt(self.hit_rate.map(|r| format!("{r:.2}"))),
            joined(&self.aliases),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row(&'static str, &'static str);

    impl Tabular for Row {
        const COLUMNS: &'static [&'static str] = &["name", "note"];
        fn cells(&self) -> Vec<String> {
            vec![self.0.to_string(), self.1.to_string()]
        }
    }

    #[test]
    fn csv_quotes_what_needs_it_and_tsv_flattens_it() {
        let rows = [
            Row("L'Equipe", "plain"),
            Row("Real Madrid, CF", "says \"yes\"\nthen no"),
        ];
        assert_eq!(
            write(&rows, Delimiter::Comma),
            "name,note\nL'Equipe,plain\n\"Real Madrid, CF\",\"says \"\"yes\"\"\nthen no\"\n"
        );
        assert_eq!(
            write(&rows, Delimiter::Tab),
            "name\tnote\nL'Equipe\tplain\nReal Madrid, CF\tsays \"yes\" then no\n"
        );
    }

    #[test]
    fn an_empty_list_is_its_header() {
        assert_eq!(write::<Row>(&[], Delimiter::Comma), "name,note\n");
    }
}

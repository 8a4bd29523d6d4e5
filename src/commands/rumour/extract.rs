//! `mercato rumour extract`: a text in, proposed reports out; recorded
//! with `--apply` as one change.

use crate::commands::context::{Context, Output};
use crate::values::parse_day;
use chrono::NaiveDate;
use clap::Args;
use mercato::dates::DateSpec;
use mercato::edit::{self, Move, NewReport};
use mercato::extract::{Action, Extraction, Kind, Proposal, Reader};
use mercato::model::{PlayerId, Stance, Status};
use mercato::store::scoped::Scope;
use mercato::{Error, Result, World, render};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

/// One text to read: what, when, by whom, where from.
struct Text {
    text: String,
    day: NaiveDate,
    source: String,
    url: Option<String>,
}

/// A line of a `--jsonl` feed export.
#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Read a tweet or an article and propose the reports it holds (a dry run unless --apply).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato rumour extract tweet.txt --source "Fabrizio Romano"
  mercato rumour extract tweet.txt --source Marca --date 2025-10-19 --json
  mercato rumour extract tweet.txt --source Marca --apply --pick 1
  cat article.txt | mercato rumour extract --source TEAMtalk

Each proposal gives the player (known players only), his club that day, the
destination, kind, stage, fee as written, the outlet credited (--via) and the
words that decided it; --json prints {"proposals": [...], "unknown": [...]}
(keys in the README). --apply records them as one change (one `undo` reverts
them all); a report joins an open rumour of the same move and moves its status
forward only."#)]
pub struct ExtractArgs {
    /// Files holding the text (standard input when none, or `-`).
    #[arg(conflicts_with = "jsonl")]
    pub files: Vec<std::path::PathBuf>,
    /// Who published the text (a source; an unknown one is created on --apply).
    /// With --jsonl, for the lines that name none.
    #[arg(long, required_unless_present = "jsonl")]
    pub source: Option<String>,
    /// A feed export: one {"text", "date", "source", "url"} per line, read
    /// (or recorded, as one change) in date order.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<std::path::PathBuf>,
    /// The day of the text (default: the as-of date).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub date: Option<DateSpec>,
    /// Record the proposals (default: show them, record nothing).
    #[arg(long)]
    pub apply: bool,
    /// Only these proposals, by their number in the table: 1,3.
    #[arg(long, value_delimiter = ',', value_name = "N,N")]
    pub pick: Vec<usize>,
}

pub fn run(ctx: &Context, args: ExtractArgs) -> Result<Output> {
    let day = ctx.day(args.date).unwrap_or(ctx.as_of);
    let texts = match &args.jsonl {
        Some(path) => feed(path, day, args.source.as_deref())?,
        None => vec![Text {
            text: read_input(&args.files)?,
            day,
            source: args.source.clone().unwrap_or_default(),
            url: None,
        }],
    };
    let bar = progress(texts.len());
    let mut skipped = Vec::new();
    let extraction = if args.apply {
        record(ctx, &args, &texts, &bar, &mut skipped)?
    } else {
        propose(ctx, &args, &texts, &bar)?
    };
    bar.finish_and_clear();
    let mut out = ctx.show(&extraction, || {
        render::extract::proposals(&extraction, args.apply, ctx.style)
    });
    out.notes.extend(skipped);
    Ok(out)
}

/// `--apply`: the texts read and their proposals recorded, as one change.
/// A feed's report the store refuses is skipped, and said in `skipped`.
fn record(
    ctx: &Context,
    args: &ExtractArgs,
    texts: &[Text],
    bar: &indicatif::ProgressBar,
    skipped: &mut Vec<String>,
) -> Result<Extraction> {
    let (_, x) = ctx.write(|store, w| {
        // Which players the texts name, to read their rumours in full
        // before the first report.
        let mut names = Reader::new(w).into_names();
        let shards: BTreeSet<String> = {
            let reader = Reader::with_names(w, names);
            let shards = texts
                .iter()
                .flat_map(|t| reader.read(&t.text, t.day, &t.source).proposals)
                .map(|p| mercato::store::shard_of(&PlayerId(p.player.id)))
                .collect();
            names = reader.into_names();
            shards
        };
        store.load_rumour_shards(w, shards.iter().map(String::as_str))?;
        // Each text against the store as the ones before left it.
        let mut all = Extraction::default();
        let mut number = 0;
        for t in texts {
            let reader = Reader::with_names(w, names);
            let x = reader.read(&t.text, t.day, &t.source);
            names = reader.into_names();
            let x = picked(x, &args.pick, &mut number);
            for p in x
                .proposals
                .iter()
                .filter(|p| p.action != Action::AlreadyRecorded)
            {
                let new = report(w, p, t);
                match edit::add_report(w, new, ctx.as_of) {
                    // A feed goes on past a report the store refuses.
                    Err(why) if why.is_refusal() && args.jsonl.is_some() => {
                        skipped.push(format!("not recorded: {} ({why})", p.player.name));
                    }
                    added => {
                        added?;
                    }
                }
            }
            join(&mut all, x);
            bar.inc(1);
        }
        check_pick(&args.pick, number)?;
        Ok(all)
    })?;
    Ok(x)
}

/// Without `--apply`: the texts read against the world, nothing written.
fn propose(
    ctx: &Context,
    args: &ExtractArgs,
    texts: &[Text],
    bar: &indicatif::ProgressBar,
) -> Result<Extraction> {
    let world = if texts.len() <= FEW {
        // Only the players the texts may name (and every club): the
        // same reading as the whole world's, without reading it.
        let words: Vec<String> = texts
            .iter()
            .flat_map(|t| mercato::extract::name_words(&t.text))
            .collect();
        ctx.read_scoped(|look| {
            let scope = Scope {
                players: look.players_with_words(&words)?,
                all_clubs: true,
                ..Scope::default()
            };
            Ok((scope, ()))
        })?
        .0
    } else {
        ctx.read_brief()?
    };
    let reader = Reader::new(&world);
    let mut all = Extraction::default();
    let mut number = 0;
    for t in texts {
        let x = reader.read(&t.text, t.day, &t.source);
        join(&mut all, picked(x, &args.pick, &mut number));
        bar.inc(1);
    }
    check_pick(&args.pick, number)?;
    Ok(all)
}

/// Up to this many texts, only the players they may name are read; a
/// bigger feed reads the world once.
const FEW: usize = 20;

/// A bar on a terminal, nothing elsewhere.
fn progress(texts: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if texts < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(texts as u64);
    bar.set_message("texts read");
    bar
}

/// The texts of a feed export, in date order (a line without a date is of
/// `day`, one without a source of `source`).
fn feed(path: &Path, day: NaiveDate, source: Option<&str>) -> Result<Vec<Text>> {
    let all = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |n: usize, why: String| {
        Error::Corrupt(format!("{}, line {}: {why}", path.display(), n + 1))
    };
    let mut texts = Vec::new();
    for (n, line) in all.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(line).map_err(|e| bad(n, e.to_string()))?;
        let day = match line.date.as_deref() {
            // A timestamp's day ("2025-10-20T08:15:00Z").
            Some(d) => mercato::dates::parse(d.get(..10).unwrap_or(d))
                .map_err(|e| bad(n, format!("date: {e}")))?,
            None => day,
        };
        let source = line.source.or_else(|| source.map(str::to_string));
        let source =
            source.ok_or_else(|| bad(n, "no \"source\" (or give --source)".to_string()))?;
        texts.push(Text {
            text: line.text,
            day,
            source,
            url: line.url,
        });
    }
    texts.sort_by_key(|t| t.day);
    Ok(texts)
}

/// Adds a text's proposals and unknown names to the batch's.
fn join(all: &mut Extraction, x: Extraction) {
    all.proposals.extend(x.proposals);
    for u in x.unknown {
        if !all.unknown.iter().any(|k| k.text == u.text) {
            all.unknown.push(u);
        }
    }
}

/// The text of the files, one after another, or of standard input.
fn read_input(files: &[std::path::PathBuf]) -> Result<String> {
    let stdin = |text: &mut String| {
        std::io::stdin()
            .read_to_string(text)
            .map_err(|e| Error::io("standard input", e))
    };
    let mut text = String::new();
    if files.is_empty() {
        stdin(&mut text)?;
    }
    for file in files {
        if file.as_os_str() == "-" {
            stdin(&mut text)?;
        } else {
            text.push_str(&std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?);
        }
        text.push('\n');
    }
    Ok(text)
}

/// Only the proposals `--pick` names (all when it names none), numbered
/// across the texts from `number` on.
fn picked(mut x: Extraction, pick: &[usize], number: &mut usize) -> Extraction {
    let first = *number;
    *number += x.proposals.len();
    if pick.is_empty() {
        return x;
    }
    let all = std::mem::take(&mut x.proposals);
    x.proposals = all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| pick.contains(&(first + i + 1)))
        .map(|(_, p)| p)
        .collect();
    x
}

/// Refuses a `--pick` number beyond the proposals.
fn check_pick(pick: &[usize], proposals: usize) -> Result<()> {
    if let Some(bad) = pick.iter().find(|n| **n == 0 || **n > proposals) {
        return Err(Error::invalid(
            "--pick",
            format!(
                "--pick {bad}: the text gave {} proposal{} (numbered from 1)",
                proposals,
                if proposals == 1 { "" } else { "s" }
            ),
        ));
    }
    Ok(())
}

/// The report a proposal stands for. A status is set only when it moves
/// the story forward: a "talks" report on an agreed rumour is a report.
fn report(world: &World, p: &Proposal, text: &Text) -> NewReport {
    let target = match (p.kind, &p.to) {
        (Kind::Renewal, _) => Move::Renewal,
        (Kind::Departure, _) | (_, None) => Move::Leaving,
        (_, Some(club)) => Move::To(club.id.clone()),
    };
    let current = p
        .rumour
        .as_ref()
        .and_then(|id| world.summary(id))
        .map(|s| s.status);
    NewReport {
        player: p.player.id.clone(),
        target,
        source: text.source.clone(),
        date: Some(text.day),
        status: forward(current, p.status),
        stance: if p.status.fell_through() {
            Stance::Against
        } else {
            Stance::For
        },
        via: p.via.clone(),
        fee: p.fee.as_ref().map(|f| f.fee),
        loan: p.loan,
        option_to_buy: p.option_to_buy,
        note: Some(format!("extracted: {}", p.evidence.join(", "))),
        url: text.url.clone(),
        new_source: false,
    }
}

/// The status to set: the reported one if it is further along than the
/// rumour's (or ends it), else none.
fn forward(current: Option<Status>, reported: Status) -> Option<Status> {
    let rank = |s: Status| match s {
        Status::Rumour => 0,
        Status::Talks => 1,
        Status::Agreed => 2,
        Status::Done | Status::Off | Status::Denied => 3,
    };
    match current {
        None => Some(reported),
        Some(now) if rank(reported) > rank(now) => Some(reported),
        Some(_) => None,
    }
}

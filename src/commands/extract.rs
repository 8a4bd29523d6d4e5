//! `mercato rumour extract`: a text in, proposed reports out; recorded
//! with `--apply` as one change.

use super::{Context, Output};
use crate::cli::RumourExtract;
use mercato::edit::{self, Move, NewReport};
use mercato::extract::{Action, Extraction, Kind, Proposal, Reader};
use mercato::model::{Stance, Status};
use mercato::{Error, Result, World, render};
use std::io::Read;

pub fn run(ctx: &Context, args: RumourExtract) -> Result<Output> {
    let text = read_input(&args.files)?;
    let day = ctx.day(args.date).unwrap_or(ctx.as_of);
    let extraction = if args.apply {
        let (_, x) = ctx.write(|store, w| {
            let x = picked(read(w, &text, day, &args.source), &args.pick)?;
            let players: std::collections::HashSet<_> = x
                .proposals
                .iter()
                .map(|p| mercato::model::PlayerId(p.player.id.clone()))
                .collect();
            let shards: std::collections::BTreeSet<String> =
                players.iter().map(mercato::store::shard_of).collect();
            store.load_rumour_shards(w, shards.iter().map(String::as_str))?;
            for p in x
                .proposals
                .iter()
                .filter(|p| p.action != Action::AlreadyRecorded)
            {
                edit::add_report(w, report(w, p, &args.source, day), ctx.as_of)?;
            }
            Ok(x)
        })?;
        x
    } else {
        let world = ctx.read_brief()?;
        picked(read(&world, &text, day, &args.source), &args.pick)?
    };
    Ok(ctx.show(&extraction, || {
        render::extract::proposals(&extraction, args.apply, ctx.style)
    }))
}

fn read(world: &World, text: &str, day: chrono::NaiveDate, source: &str) -> Extraction {
    Reader::new(world).read(text, day, source)
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

/// Only the proposals `--pick` names (all when it names none).
fn picked(mut x: Extraction, pick: &[usize]) -> Result<Extraction> {
    if pick.is_empty() {
        return Ok(x);
    }
    if let Some(bad) = pick.iter().find(|n| **n == 0 || **n > x.proposals.len()) {
        return Err(Error::Refused(format!(
            "--pick {bad}: the text gave {} proposal{} (numbered from 1)",
            x.proposals.len(),
            if x.proposals.len() == 1 { "" } else { "s" }
        )));
    }
    let all = std::mem::take(&mut x.proposals);
    x.proposals = all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| pick.contains(&(i + 1)))
        .map(|(_, p)| p)
        .collect();
    Ok(x)
}

/// The report a proposal stands for. A status is set only when it moves
/// the story forward: a "talks" report on an agreed rumour is a report.
fn report(world: &World, p: &Proposal, source: &str, day: chrono::NaiveDate) -> NewReport {
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
        source: source.to_string(),
        date: Some(day),
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
        url: None,
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

//! Scores `mercato rumour extract` on a labelled file of tweets:
//! `cargo run --example extract_eval [FILE]` (default: the dev set in
//! ../shared/datasets/tweets/dev.jsonl). `-v` lists the tweets missed.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let path = args
        .iter()
        .find(|a| *a != "-v" && !a.starts_with("--show="))
        .cloned()
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/datasets/tweets/dev.jsonl"
            )
            .to_string()
        });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let tweets = match mercato::extract::eval::parse(&text) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Some(n) = args.iter().find_map(|a| a.strip_prefix("--show=")) {
        let world = mercato::extract::eval::world_of(&tweets);
        for t in tweets.iter().filter(|t| t.n.to_string() == n) {
            let got = mercato::extract::extract(&world, &t.text, t.date, &t.source);
            println!("{}", t.text);
            for m in &t.moves {
                println!(
                    "  LABEL {} {} {:?}->{:?} {} {:?}",
                    m.person,
                    m.kind,
                    m.from,
                    m.to,
                    m.stage,
                    m.fee.as_ref().map(|f| f.amount)
                );
            }
            for p in &got.proposals {
                println!(
                    "  GOT {} {} {:?}->{:?} {} {:?} {:?} via {:?}",
                    p.player.name,
                    p.kind.as_str(),
                    p.from.as_ref().map(|c| &c.name),
                    p.to.as_ref().map(|c| &c.name),
                    p.status,
                    p.fee.as_ref().map(|f| f.amount),
                    p.evidence,
                    p.via
                );
            }
            println!(
                "  UNKNOWN {:?}",
                got.unknown.iter().map(|u| &u.text).collect::<Vec<_>>()
            );
        }
        return std::process::ExitCode::SUCCESS;
    }
    let scores = mercato::extract::eval::score(&tweets);
    print!("{}", scores.report());
    if verbose {
        for (n, field) in &scores.misses {
            println!("missed n={n}: {field}");
        }
    }
    std::process::ExitCode::SUCCESS
}

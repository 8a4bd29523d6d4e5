//! The pictures: the depth chart on a pitch (terminal and SVG) and the
//! contract timeline (terminal and SVG). SVG is parsed and rendered with
//! resvg, so a broken picture fails CI.

use crate::common::TestEnv;

/// Parses and renders an SVG; returns how many pixels were painted.
fn render(svg: &str) -> usize {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).unwrap_or_else(|e| panic!("invalid SVG: {e}"));
    let size = tree.size().to_int_size();
    assert!(size.width() >= 600 && size.height() >= 300, "{size:?}");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let painted = pixmap.pixels().iter().filter(|p| p.alpha() > 0).count();
    let png = pixmap.encode_png().unwrap();
    assert!(png.len() > 1000);
    painted
}

#[test]
fn pitch_view_snapshot() {
    let env = TestEnv::shipped();
    let out = env.ok(&["club", "depth", "Real Madrid", "--view", "pitch"]);
    assert!(
        !out.contains('\u{1b}'),
        "no colour when piped or with NO_COLOR"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn pitch_view_can_be_coloured() {
    let env = TestEnv::shipped();
    let out = env.ok(&[
        "--color",
        "always",
        "club",
        "depth",
        "Real Madrid",
        "--view",
        "pitch",
    ]);
    assert!(out.contains("\u{1b}[31m"), "leaving players in red");
    assert!(out.contains("\u{1b}[36m"), "targets in cyan");
}

#[test]
fn depth_svg_parses_renders_and_names_everyone() {
    let env = TestEnv::shipped();
    let path = env.data.parent().unwrap().join("depth.svg");
    let run = env.run(&[
        "club",
        "depth",
        "Real Madrid",
        "--svg",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote"), "{}", run.stderr);
    assert!(
        run.stdout.contains("CB: 4 players"),
        "the terminal chart is still printed"
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    for name in [
        "Militão",
        "Huijsen",
        "Rüdiger",
        "Alaba",
        "Alexander-Arnold",
        "Carreras",
        "Upamecano",
    ] {
        assert!(svg.contains(name), "{name} missing");
    }
    assert!(
        svg.contains("Real Madrid") && svg.contains("2025-10-20"),
        "title and date"
    );
    assert!(svg.contains("secure") && svg.contains("target"), "a legend");
    assert!(render(&svg) > 100_000);
}

#[test]
fn timeline_text_snapshot_and_svg() {
    let env = TestEnv::shipped();
    let out = env.ok(&["contract", "timeline", "--club", "real madrid"]);
    insta::assert_snapshot!(out);
    let path = env.data.parent().unwrap().join("timeline.svg");
    env.ok(&[
        "contract",
        "timeline",
        "--position",
        "CB",
        "--svg",
        path.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(
        svg.contains("Konaté") && svg.contains("van Dijk"),
        "all clubs' centre-backs"
    );
    assert!(svg.contains("today"));
    assert!(
        svg.matches("<path d=\"M ").count() >= 4,
        "open rumours marked on the bars"
    );
    assert!(render(&svg) > 50_000);
    let json = env.json(&["contract", "timeline", "--club", "liverpool"]);
    assert_eq!(json["rows"].as_array().unwrap().len(), 2);
    assert_eq!(json["rows"][0]["player"], "Ibrahima Konaté");
}

#[test]
fn pictures_escape_hostile_names() {
    let env = TestEnv::empty();
    env.ok(&["club", "add", "<Evil> & \"Co\""]);
    env.ok(&[
        "player",
        "add",
        "A <b>&amp;",
        "--born",
        "2000-01-01",
        "--position",
        "CB",
        "--club",
        "evil",
        "--until",
        "2027-06-30",
    ]);
    let path = env.data.parent().unwrap().join("evil.svg");
    env.ok(&["club", "depth", "evil", "--svg", path.to_str().unwrap()]);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains("&lt;Evil&gt; &amp; &quot;Co&quot;"));
    render(&svg);
}

//! The documents around the reports: cover memo (tjänsteutlåtande),
//! manifest, annual report (årsrapport), follow-ups (uppföljning) and
//! branding. Built from the repository's examples and read back.

use std::fs;

use crate::common::{Fixture, REVIEW, flat, pdf_info, pdf_pages, pdf_text};
use sha2::{Digest, Sha256};

#[test]
fn the_cover_memo_proposes_decisions_and_lists_the_reports_as_attachments() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let memo = fixture.root().join("output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf");
    let text = flat(&pdf_text(&memo));
    for expected in [
        "Tjänsteutlåtande",
        "Dnr 3.1-117/2011",
        "10 maj 2011",
        "Till Socialtjänst- och arbetsmarknadsnämnden",
        "Förslag till beslut",
        "1. Socialtjänst- och arbetsmarknadsnämnden godkänner socialtjänstinspektörernas rapporter.",
        "Sammanfattning",
        "Ärendets beredning",
        "Christina Höglom",
        "Bilaga 1 Granskning av ekonomiskt bistånd – Bromma 3-1-117-2011-bromma.pdf",
        "Bilaga 2 Granskning av ekonomiskt bistånd – Skärholmen 3-1-117-2011-skarholmen.pdf",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in the memo:\n{text}");
    }
    assert_eq!(
        pdf_info(&memo, "Title").as_deref(),
        Some("Tjänsteutlåtande: Socialtjänstinspektörernas granskning av ekonomiskt bistånd i Bromma och Skärholmen")
    );
}

#[test]
fn the_manifest_lists_every_pdf_and_web_page_with_its_real_hash_size_and_pages() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let dir = fixture.root().join("output/2011-ekonomiskt-bistand");
    let json: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let documents = json["dokument"].as_array().unwrap();
    let published: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "html"))
        .collect();
    assert_eq!(documents.len(), published.len());
    assert_eq!(documents.len(), 6);
    for doc in documents {
        let path = dir.join(doc["fil"].as_str().unwrap());
        let bytes = fs::read(&path).unwrap();
        let hash: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(doc["sha256"], hash.as_str());
        assert_eq!(doc["byte"], bytes.len() as u64);
        assert_eq!(doc["diarienummer"], "3.1-117/2011");
        if path.extension().is_some_and(|e| e == "pdf") {
            assert_eq!(doc["sidor"], pdf_pages(&path).len());
            assert_eq!(pdf_info(&path, "Title").as_deref(), doc["titel"].as_str());
        } else {
            assert!(doc["sidor"].is_null());
            let title = format!("<title>{}</title>", doc["titel"].as_str().unwrap());
            assert!(String::from_utf8(bytes).unwrap().contains(&title), "{title} not in {}", path.display());
        }
    }
    // The registrar's fields: the kind, the date, the edition, and for each
    // report the memo it is attached to with its number there.
    let row = |file: &str| documents.iter().find(|d| d["fil"] == file).unwrap_or_else(|| panic!("{file}"));
    let skarholmen = row("3-1-117-2011-skarholmen.pdf");
    assert_eq!(skarholmen["dokumenttyp"], "granskningsrapport");
    assert_eq!(skarholmen["datum"], "2011-04-15");
    assert_eq!(skarholmen["utgava"], "PDF");
    assert_eq!(skarholmen["tjansteutlatande"], "2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf");
    assert_eq!(skarholmen["bilaga"], 2);
    assert_eq!(row("3-1-117-2011-bromma.html")["bilaga"], 1);
    assert_eq!(row("3-1-117-2011-bromma.html")["utgava"], "webbsida");
    let memo = row("3-1-117-2011-tjansteutlatande.pdf");
    assert_eq!(memo["dokumenttyp"], "tjänsteutlåtande");
    assert_eq!(memo["datum"], "2011-05-10");
    assert!(memo["bilaga"].is_null());
    let csv = fs::read_to_string(dir.join("manifest.csv")).unwrap();
    assert!(csv.starts_with(
        "\u{FEFF}fil;dokumenttyp;titel;distrikt;diarienummer;datum;utgava;tjansteutlatande;bilaga;sidor;sha256;byte\n"
    ));
    assert!(csv.contains(
        "3-1-117-2011-skarholmen.pdf;granskningsrapport;Granskning av ekonomiskt bistånd – Skärholmen;Skärholmen;3.1-117/2011;2011-04-15;PDF;2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf;2;"
    ));
    assert!(csv.contains(
        "3-1-117-2011-skarholmen.html;granskningsrapport;Granskning av ekonomiskt bistånd – Skärholmen;Skärholmen;3.1-117/2011;2011-04-15;webbsida;2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf;2;;"
    ));
    assert_eq!(csv.lines().count(), 7);
}

#[test]
fn the_manifest_keeps_unchanged_pdfs_and_drops_removed_districts() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    fixture.run(&["build"]).assert_ok();
    let manifest = fixture.read("output/2011-ekonomiskt-bistand/manifest.json");
    assert!(
        manifest.contains("skarholmen.pdf")
            && manifest.contains("bromma.pdf")
            && manifest.contains("tjansteutlatande.pdf")
    );
    fs::remove_file(fixture.district("skarholmen")).unwrap();
    fixture.run(&["build"]).assert_ok();
    let manifest = fixture.read("output/2011-ekonomiskt-bistand/manifest.json");
    assert!(!manifest.contains("skarholmen.pdf"), "{manifest}");
    let memo =
        flat(&pdf_text(&fixture.root().join("output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf")));
    assert!(!memo.contains("Skärholmen 3-1-117-2011-skarholmen.pdf"), "the memo still lists the removed district");
}

#[test]
fn the_annual_report_sums_the_year_across_districts() {
    let fixture = Fixture::all_examples();
    let run = fixture.run(&["arsrapport", "2011"]);
    run.assert_ok();
    assert!(run.stdout.contains("skrev output/arsrapport-2011/arsrapport-2011.pdf"), "{}", run.stdout);
    let pdf = fixture.root().join("output/arsrapport-2011/arsrapport-2011.pdf");
    let text = pdf_text(&pdf);
    let flat_text = flat(&text);
    for section in
        ["Årets granskningar", "Kvalitetsnivåer", "Barnrättsanalys", "Jämställdhetsanalys", "Planering för 2012"]
    {
        assert!(
            text.lines().any(|l| l.trim().ends_with(section) && l.trim().starts_with(char::is_numeric)),
            "{section} heading missing"
        );
    }
    // The matrix: a row per quality area, a column per district (Bromma, Skärholmen).
    let matrix = flat(&text[text.find("Kvalitetsnivå per kvalitetsområde och rapport 2011").unwrap()..]);
    let header = &matrix[..matrix.find("Trygghet och säkerhet").unwrap()];
    assert!(header.find("Bromma").unwrap() < header.find("Skärholmen").unwrap(), "{matrix}");
    let areas = [
        "Trygghet och säkerhet",
        "Självbestämmande och integritet",
        "Tillgänglighet",
        "Helhetssyn och samordning",
        "Kunskapsbaserad verksamhet",
        "Effektivitet",
    ];
    // The table ends where its legend starts ("Grön: God kvalitet …").
    let legend = matrix.find("God kvalitet").unwrap();
    let table = &matrix[..matrix[..legend].rfind("Grön").unwrap()];
    let rows: Vec<Vec<&str>> = areas
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let row = &table[table.find(area).unwrap() + area.len()..];
            let row = areas.get(i + 1).map_or(row, |next| &row[..row.find(next).unwrap()]);
            row.split_whitespace().filter(|w| ["Grön", "Gul", "Röd"].contains(w)).collect()
        })
        .collect();
    assert_eq!(
        rows,
        [["Gul", "Gul"], ["Gul", "Grön"], ["Gul", "Grön"], ["Röd", "Gul"], ["Gul", "Grön"], ["Röd", "Röd"]],
        "{matrix}"
    );
    // Grundutredning: women 3 of 4 (Bromma) + 4 of 6 (Skärholmen) = 7 of 10;
    // men 3 of 5 + 3 of 6 = 6 of 11.
    assert!(flat_text.contains("Finns en grundutredning upprättad? 70 % (7 av 10) 55 % (6 av 11)"), "{flat_text}");
    // Only questions marked barnratt appear in the child-rights table.
    let child = &flat_text[flat_text.find("Barnrättsanalys").unwrap()..flat_text.rfind("Jämställdhetsanalys").unwrap()];
    // Women: 0 of 3 (Bromma) + 1 of 4 (Skärholmen); men: 0 of 1 + 0 of 2.
    assert!(child.contains("Beskrivs barnens behov och situation i akten? 14 % (1 av 7) 0 % (0 av 3)"), "{child}");
    assert!(!child.contains("Finns en grundutredning"));
    assert!(flat_text.contains("Granskningen av ekonomiskt bistånd fortsätter under 2012"));
    // The 2014 follow-up is not part of 2011.
    assert!(!flat_text.contains("Uppföljning av kvalitetsgranskning"));
}

#[test]
fn an_annual_report_needs_its_file_and_reviews_from_the_year() {
    let fixture = Fixture::all_examples();
    let run = fixture.run(&["arsrapport", "2013"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("findings/arsrapport-2013.toml: fel: årsrapporten för 2013 saknar sin fil"),
        "{}",
        run.stderr
    );
    fixture.write("findings/arsrapport-2013.toml", &fixture.read("findings/arsrapport-2011.toml"));
    let run = fixture.run(&["arsrapport", "2013"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("inga granskningar publicerades 2013"), "{}", run.stderr);
}

#[test]
fn a_follow_up_compares_ratings_and_reports_what_became_of_each_recommendation() {
    let fixture = Fixture::all_examples();
    fixture.run(&["build"]).assert_ok();
    let pdf = fixture.root().join("output/2014-uppfoljning-ekonomiskt-bistand/3-1-164-2014-bromma.pdf");
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("Uppföljning av granskningen 2011"));
    assert!(text.contains("Helhetssyn och samordning Röd Gul ↑ Förbättrad"), "{text}");
    assert!(text.contains("Effektivitet Röd Röd → Oförändrad"));
    for status in ["Delvis åtgärdad", "Ej åtgärdad", "Åtgärdad"] {
        assert!(text.contains(status), "{status} missing");
    }
    // The comment on recommendation 4 (the table cell may hyphenate it).
    assert!(text.contains("Barnens behov uppmärksammas i större utsträckning i"), "{text}");
}

#[test]
fn follow_up_statuses_are_checked_against_the_earlier_report() {
    let fixture = Fixture::all_examples();
    let path = fixture.root().join("findings/2014-uppfoljning-ekonomiskt-bistand/bromma.toml");
    let text = fs::read_to_string(&path).unwrap().replace("rekommendation = 5", "rekommendation = 9");
    fs::write(&path, text).unwrap();
    let run = fixture.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("fel: rekommendation 9 finns inte i den tidigare rapporten"), "{}", run.stderr);
    assert!(run.stderr.contains("tips: den tidigare rapporten för Bromma har rekommendation 1–5"), "{}", run.stderr);
    assert!(run.stderr.contains("varning: rekommendation 5 i den tidigare rapporten saknar status"), "{}", run.stderr);

    let review = fixture.root().join("findings/2014-uppfoljning-ekonomiskt-bistand/granskning.toml");
    let text = fs::read_to_string(&review)
        .unwrap()
        .replace("foljer_upp = \"2011-ekonomiskt-bistand\"", "foljer_upp = \"2010-finns-inte\"");
    fs::write(&review, text).unwrap();
    let run = fixture.run(&["check"]);
    assert!(
        run.stderr.contains("granskning.toml:19:14: fel: granskningen `2010-finns-inte` som följs upp finns inte"),
        "{}",
        run.stderr
    );
}

#[test]
fn branding_puts_organisation_logo_and_colour_on_the_reports() {
    let fixture = Fixture::example();
    fixture.write(
        "bilder/logotyp.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#006633"/></svg>"##,
    );
    fixture.write(
        "granska.toml",
        "[organisation]\nnamn = \"Tyresö kommun\"\nlogotyp = \"bilder/logotyp.svg\"\n\n[stil]\naccentfarg = \"#006633\"\n",
    );
    fixture.run(&["build"]).assert_ok();
    let pdf = fixture.pdf("bromma");
    assert!(pdf_pages(&pdf)[0].contains("Tyresö kommun"));
    let doc = lopdf::Document::load(&pdf).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| lopdf::decode_text_string(d.get(b"Alt").ok()?).ok())
        .collect();
    assert!(alts.iter().any(|a| a == "Logotyp för Tyresö kommun"), "{alts:?}");
    // The logo is an input: changing it rebuilds the reports.
    fixture.write("bilder/logotyp.svg", r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>"##);
    assert!(fixture.run(&["build"]).stdout.contains("3 dokument klara"));
}

#[test]
fn a_logo_outside_the_project_is_refused() {
    let fixture = Fixture::example();
    fixture.write("granska.toml", "[organisation]\nnamn = \"X\"\nlogotyp = \"../../etc/hostname.png\"\n");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("granska.toml:3:11: fel: logotypen `../../etc/hostname.png` finns inte"),
        "{}",
        run.stderr
    );
    assert!(!fixture.root().join("output").exists());
}

#[test]
fn a_follow_up_of_two_earlier_reviews_finds_each_districts_earlier_report_where_it_is() {
    let fixture = Fixture::all_examples();
    // The 2011 review in two parts: Skärholmen reviewed again in 2012.
    let (then, later) = ("findings/2011-ekonomiskt-bistand", "findings/2012-ekonomiskt-bistand");
    fs::create_dir_all(fixture.file(later)).unwrap();
    let review = fixture
        .read(&format!("{then}/granskning.toml"))
        .replace("diarienummer = \"3.1-117/2011\"", "diarienummer = \"3.1-40/2012\"")
        .replace("publiceringsdatum = 2011-04-15", "publiceringsdatum = 2012-04-16")
        .replace("[tjansteutlatande]", "[tjansteutlatande]\ndiarienummer = \"3.1-41/2012\"");
    fixture.write(&format!("{later}/granskning.toml"), &review);
    fs::rename(fixture.file(&format!("{then}/skarholmen.toml")), fixture.file(&format!("{later}/skarholmen.toml")))
        .unwrap();
    let follow_up = "findings/2014-uppfoljning-ekonomiskt-bistand/granskning.toml";
    let text = fixture.read(follow_up).replace(
        "foljer_upp = \"2011-ekonomiskt-bistand\"",
        "foljer_upp = [\"2011-ekonomiskt-bistand\", \"2012-ekonomiskt-bistand\"]",
    );
    fixture.write(follow_up, &text);
    fixture.run(&["build"]).assert_ok();
    let report = |district: &str| {
        flat(&pdf_text(
            &fixture.file(&format!("output/2014-uppfoljning-ekonomiskt-bistand/3-1-164-2014-{district}.pdf")),
        ))
    };
    let (bromma, skarholmen) = (report("bromma"), report("skarholmen"));
    assert!(bromma.contains("Kvalitetsnivåer 2011 och 2014"), "{bromma}");
    assert!(skarholmen.contains("Kvalitetsnivåer 2012 och 2014"), "{skarholmen}");
    // Both earlier reviews are named in each report.
    for text in [&bromma, &skarholmen] {
        assert!(text.contains("3.1-117/2011") && text.contains("3.1-40/2012"), "{text}");
    }
}

#[test]
fn output_holds_only_what_the_findings_make_now() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let dir = fixture.root().join("output").join(REVIEW);
    let published = || -> std::collections::BTreeSet<String> {
        fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf") || n.ends_with(".html"))
            .collect()
    };
    let listed = || -> std::collections::BTreeSet<String> {
        let json: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
        json["dokument"].as_array().unwrap().iter().map(|d| d["fil"].as_str().unwrap().to_owned()).collect()
    };
    let index = || fs::read_to_string(fixture.root().join("output/index.html")).unwrap();
    assert!(index().contains("3-1-117-2011-skarholmen.pdf"));

    // A district file deleted: its report and web page leave output/.
    fs::remove_file(fixture.district("skarholmen")).unwrap();
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stdout.contains(&format!(
            "tog bort output/{REVIEW}/3-1-117-2011-skarholmen.pdf och 3-1-117-2011-skarholmen.html: \
             distriktsfilen för Skärholmen finns inte längre"
        )),
        "{}",
        run.stdout
    );
    assert!(!dir.join("3-1-117-2011-skarholmen.pdf").exists());
    assert_eq!(published(), listed());
    assert!(!index().contains("skarholmen"), "the index still lists Skärholmen");
    let memo = flat(&pdf_text(&dir.join("3-1-117-2011-tjansteutlatande.pdf")));
    assert!(memo.contains("Granskning av ekonomiskt bistånd – Bromma"), "{memo}");
    assert!(!memo.contains("Granskning av ekonomiskt bistånd – Skärholmen"), "{memo}");
    assert!(!memo.contains("Bilaga 2"), "{memo}");

    // A build that fails: the report it would have replaced leaves too, and
    // nothing lists it.
    fixture.edit_district("bromma", "urval = 10", "urval = 100");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(&format!(
            "tog bort output/{REVIEW}/3-1-117-2011-bromma.pdf och 3-1-117-2011-bromma.html: \
             granskningsrapporten för Bromma byggdes inte"
        )),
        "{}",
        run.stdout
    );
    assert!(!dir.join("3-1-117-2011-bromma.pdf").exists());
    assert_eq!(published(), listed());
    assert!(!index().contains("3-1-117-2011-bromma"), "the index still lists Bromma");

    // Fixed, it is back.
    fixture.edit_district("bromma", "urval = 100", "urval = 10");
    fixture.run(&["build"]).assert_ok();
    assert!(dir.join("3-1-117-2011-bromma.pdf").exists());
    assert_eq!(published(), listed());
}

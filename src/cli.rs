//! Command-line interface (clap), in Swedish.
//!
//! Clap's own texts are English; the help template, headings and the help
//! and version flags are replaced here, and parse errors are reworded by
//! [`usage_error`].

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::model::Date;

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} – {about}

Användning: {usage}

{all-args}{after-help}";

const SUB_HELP_TEMPLATE: &str = "\
{about}

Användning: {usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "granska",
    version,
    about = "gör granskningsrapporter (PDF och webbsida) av inspektörernas iakttagelser i TOML",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Kör `granska <KOMMANDO> --hjälp` för mer om ett kommando.",
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Visa hjälp
    #[arg(short = 'h', long = "hjälp", alias = "help", action = ArgAction::Help, global = true, help_heading = "Flaggor")]
    help: Option<bool>,

    /// Visa versionen
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Flaggor")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bygg rapporterna (PDF och webbsida) av alla granskningar (eller av en mapp eller fil)
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska build [FLAGGOR] [SÖKVÄG]")]
    Build(BuildArgs),
    /// Kontrollera iakttagelserna utan att skriva något
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska check [FLAGGOR] [SÖKVÄG]")]
    Check(CheckArgs),
    /// Bygg, och bygg om varje gång en fil sparas
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska watch [FLAGGOR] [SÖKVÄG]")]
    Watch(WatchArgs),
    /// Bygg årsrapporten för ett år av årets granskningar
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska arsrapport [FLAGGOR] <ÅR> [SÖKVÄG]")]
    Arsrapport(AnnualArgs),
    /// Skapa en ny distriktsfil att fylla i
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska new <GRANSKNING> <DISTRIKT>")]
    New(NewDistrictArgs),
    /// Skapa en ny granskning (mapp med granskning.toml) att fylla i
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska new-granskning <NAMN>")]
    NewGranskning(NewReviewArgs),
    /// Skapa årsrapportens fil för ett år (findings/arsrapport-<år>.toml) att fylla i
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska new-arsrapport <ÅR>")]
    NewArsrapport(NewAnnualArgs),
    /// Visa vad som ändrats i iakttagelserna sedan en version i git (t.ex. utkastet till faktagranskning)
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska andringar [FLAGGOR] <VERSION>")]
    Andringar(ChangesArgs),
    /// Skriv projektets JSON Schema till schema/, eller skriv ut ett (för editorn)
    #[command(help_template = SUB_HELP_TEMPLATE, override_usage = "granska schema --skriv | granska schema <SORT>")]
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct NewDistrictArgs {
    /// Granskningens mapp i findings/, t.ex. 2011-ekonomiskt-bistand
    #[arg(value_name = "GRANSKNING", help_heading = "Argument")]
    pub review: String,
    /// Distriktets namn, t.ex. Bromma (filnamnet blir bromma.toml)
    #[arg(value_name = "DISTRIKT", help_heading = "Argument")]
    pub district: String,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct NewReviewArgs {
    /// Mappens namn, t.ex. 2026-ekonomiskt-bistand
    #[arg(value_name = "NAMN", help_heading = "Argument")]
    pub name: String,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct NewAnnualArgs {
    /// Året som årsrapporten gäller, t.ex. 2026
    #[arg(value_name = "ÅR", help_heading = "Argument", value_parser = parse_year)]
    pub year: i32,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct ChangesArgs {
    /// En tagg, gren eller commit i git, t.ex. faktagranskning-2026-11-20
    #[arg(value_name = "VERSION", help_heading = "Argument")]
    pub reference: String,
    /// Skriv även listan som PDF och webbsida i mappen utkast/
    #[arg(long = "pdf")]
    pub pdf: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct SchemaArgs {
    /// Skriv ut schemat för en filsort: granskning, distrikt, projekt (granska.toml) eller arsrapport
    #[arg(
        value_name = "SORT",
        value_enum,
        hide_possible_values = true,
        help_heading = "Argument",
        required_unless_present = "write"
    )]
    pub kind: Option<SchemaKind>,
    /// Skriv alla fyra scheman till projektets mapp schema/ (editorn läser dem via raden #:schema)
    #[arg(long = "skriv", id = "write", conflicts_with = "kind")]
    pub write: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// granskning.toml
    Granskning,
    /// En distriktsfil
    Distrikt,
    /// Projektets inställningar (granska.toml)
    Projekt,
    /// En årsrapport (findings/arsrapport-<år>.toml)
    Arsrapport,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct Target {
    /// Projektmapp, granskningsmapp eller distriktsfil (standard: aktuell mapp)
    #[arg(value_name = "SÖKVÄG", default_value = ".", hide_default_value = true, help_heading = "Argument")]
    pub path: PathBuf,

    /// Behandla varningar som fel
    #[arg(long = "strikt", alias = "strict")]
    pub strict: bool,
}

/// Drafts for fact-checking (*faktagranskning*).
#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct DraftArgs {
    /// Gör utkast för faktagranskning (…-utkast.pdf i mappen utkast/): TODO tillåts och markeras
    #[arg(long = "utkast", alias = "draft")]
    pub draft: bool,

    /// Utkastets datum, t.ex. 2026-11-24 (standard: i dag)
    #[arg(long = "datum", value_name = "ÅÅÅÅ-MM-DD", requires = "draft", value_parser = parse_date)]
    pub date: Option<Date>,
}

impl DraftArgs {
    /// The draft's date when drafting: the one given, else today.
    pub fn day(&self) -> Option<Date> {
        self.draft.then(|| self.date.unwrap_or_else(Date::today))
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("`{text}` är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-24"))
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct BuildArgs {
    #[command(flatten)]
    pub target: Target,

    #[command(flatten)]
    pub draft: DraftArgs,

    /// Spara även den genererade Typst-koden (.typ) bredvid varje PDF
    #[arg(long = "emit-typst")]
    pub emit_typst: bool,

    /// Bygg om alla dokument, även de som inte har ändrats
    #[arg(long = "bygg-om", alias = "force")]
    pub force: bool,

    /// Antal dokument som byggs samtidigt (standard: antal processorkärnor)
    #[arg(short = 'j', long = "jobb", alias = "jobs", value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct WatchArgs {
    #[command(flatten)]
    pub target: Target,

    #[command(flatten)]
    pub draft: DraftArgs,

    /// Spara även den genererade Typst-koden (.typ) bredvid varje PDF
    #[arg(long = "emit-typst")]
    pub emit_typst: bool,

    /// Titta efter ändringar två gånger i sekunden i stället för att vänta på systemets besked (för nätverksmappar; görs av sig själv för nätverks- och OneDrive-mappar)
    #[arg(long = "polla", alias = "poll")]
    pub poll: bool,

    /// Visa webbutgåvan i webbläsaren; sidan uppdateras själv när du sparar
    #[arg(long = "visa", alias = "open")]
    pub show: bool,

    /// Porten för --visa (standard: en ledig port)
    #[arg(long = "port", value_name = "PORT", requires = "show", value_parser = parse_port)]
    pub port: Option<u16>,
}

/// The most documents built at once that `--jobb` accepts.
const MAX_JOBS: usize = 256;

fn parse_jobs(text: &str) -> Result<usize, String> {
    text.parse::<usize>().ok().filter(|n| (1..=MAX_JOBS).contains(n)).ok_or_else(|| {
        format!(
            "`{text}` är inget antal dokument att bygga samtidigt; skriv ett heltal från 1 till {MAX_JOBS}, t.ex. 2"
        )
    })
}

/// The years an annual report can be for.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn parse_year(text: &str) -> Result<i32, String> {
    text.parse::<i32>()
        .ok()
        .filter(|year| YEARS.contains(year))
        .ok_or_else(|| format!("`{text}` är inget år; skriv året med fyra siffror, t.ex. 2011"))
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.parse::<u16>()
        .ok()
        .filter(|port| *port > 0)
        .ok_or_else(|| format!("`{text}` är ingen port; skriv ett tal mellan 1 och 65535, t.ex. 8000"))
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct AnnualArgs {
    /// Året, t.ex. 2011: granskningar med publiceringsdatum det året tas med
    #[arg(value_name = "ÅR", help_heading = "Argument", value_parser = parse_year)]
    pub year: i32,

    #[command(flatten)]
    pub target: Target,

    /// Spara även den genererade Typst-koden (.typ) bredvid PDF:en
    #[arg(long = "emit-typst")]
    pub emit_typst: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: Target,

    #[command(flatten)]
    pub draft: DraftArgs,
}

/// Rewords a clap error in Swedish. Help and version requests are not
/// errors: they are printed as they are.
pub fn usage_error(err: &clap::Error) -> String {
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let suggestion = match context(ContextKind::SuggestedSubcommand) {
        s if s.is_empty() => String::new(),
        s => format!("\n  = tips: menade du `{s}`?"),
    };
    let message = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("okänt kommando `{}`{suggestion}", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => format!("okänd flagga `{}`", context(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument => missing_argument(&context(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "ange ett kommando".to_owned()
        }
        ErrorKind::InvalidValue => {
            format!("ogiltigt värde `{}` för {}", context(ContextKind::InvalidValue), context(ContextKind::InvalidArg))
        }
        // Our own value parsers explain themselves (in Swedish).
        ErrorKind::ValueValidation => match std::error::Error::source(err) {
            Some(why) => format!("{}: {why}", context(ContextKind::InvalidArg)),
            None => {
                format!(
                    "ogiltigt värde `{}` för {}",
                    context(ContextKind::InvalidValue),
                    context(ContextKind::InvalidArg)
                )
            }
        },
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("för många argument: `{}`", context(ContextKind::InvalidValue))
        }
        ErrorKind::ArgumentConflict => format!("flaggorna kan inte kombineras: {}", context(ContextKind::InvalidArg)),
        _ => "ogiltiga argument".to_owned(),
    };
    format!("granska: fel: {message}\n  = tips: kör `granska --hjälp` för en lista över kommandon och flaggor\n")
}

/// The sentence for a missing argument: a flag that only works with
/// another one says so.
fn missing_argument(missing: &str) -> String {
    match missing {
        "--utkast" => "`--datum` är utkastets datum och gäller bara med `--utkast`: lägg till `--utkast`, \
                       eller ta bort `--datum` (en slutlig rapport har granskningens datum)"
            .to_owned(),
        "--visa" => "`--port` är förhandsvisningens port och gäller bara med `--visa`: lägg till `--visa`, \
                     eller ta bort `--port`"
            .to_owned(),
        other => format!("argument saknas: {other}"),
    }
}

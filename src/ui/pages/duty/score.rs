//! 考核得分: the member's duty score for a year under the committee's rules (a shipped
//! preset or the committee's own rules file), with the breakdown per rule and what is
//! still missing this year.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::score::{parse_rules, score, ScoreCard, ScoreRules, PRESET_FILES, RULES_MAX_BYTES};
use crate::i18n::Texts;
use crate::store::{Settings, StoreError};
use crate::ui::components::page_header::PageHeader;
use crate::ui::components::year_options::YearOptions;
use crate::ui::files::{read_bytes, take_chosen};
use crate::ui::service::{store_error_text, this_year, AppCtx};
use crate::ui::timing;

/// Where a page keeps its choice of rules in `settings`: which rules were chosen, and the
/// text of a loaded rules file. The member's card and the staff overview keep their own
/// (a staff desk may also be a member's browser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RulesKeys {
    pub choice: &'static str,
    pub custom: &'static str,
}

const MEMBER_KEYS: RulesKeys = RulesKeys { choice: "score.rules", custom: "score.custom_rules" };
/// The choice that means "the loaded file".
const CUSTOM: &str = "custom";

/// The rules a page scores by: a preset or a loaded rules file, remembered in `settings`.
/// Shared by the member's score card and the staff's 履职考核 and 一人一档.
#[derive(Clone, Copy)]
pub struct RulesChoice {
    choice: RwSignal<String>,
    custom: RwSignal<Option<ScoreRules>>,
    /// The last file's outcome (or a storage failure), and the file's problems by line.
    pub message: RwSignal<Option<String>>,
    pub problems: RwSignal<Vec<String>>,
    keys: RulesKeys,
    settings: Callback<(), Result<Settings, StoreError>>,
}

impl RulesChoice {
    /// The first preset until the remembered choice and file are read (once, here).
    pub fn new(keys: RulesKeys, settings: Callback<(), Result<Settings, StoreError>>) -> Self {
        let rc = RulesChoice {
            choice: RwSignal::new(PRESET_FILES[0].0.to_string()),
            custom: RwSignal::new(None),
            message: RwSignal::new(None),
            problems: RwSignal::new(Vec::new()),
            keys,
            settings,
        };
        spawn_local(async move {
            let Ok(settings) = rc.settings.run(()) else { return };
            if let Ok(Some(text)) = settings.get(keys.custom).await {
                rc.custom.try_set(parse_rules(&text).ok());
            }
            if let Ok(Some(c)) = settings.get(keys.choice).await {
                rc.choice.try_set(c);
            }
        });
        rc
    }

    /// The chosen rules (tracked): `None` only while a chosen file is not (yet) loaded.
    pub fn rules(&self) -> Option<ScoreRules> {
        let c = self.choice.get();
        if c == CUSTOM {
            return self.custom.get();
        }
        PRESET_FILES.iter().find(|(id, _)| *id == c).and_then(|(_, text)| parse_rules(text).ok())
    }

    fn choose(self, c: String) {
        self.choice.set(c.clone());
        spawn_local(async move {
            if let Ok(settings) = self.settings.run(()) {
                let _ = settings.set(self.keys.choice, &c).await;
            }
        });
    }

    /// Reads a chosen rules file; a valid one is remembered and chosen, an invalid one
    /// leaves the choice as it was and lists its problems by line and field.
    fn load(self, file: web_sys::File, t: &'static Texts) {
        self.problems.set(Vec::new());
        self.message.set(None);
        spawn_local(async move {
            let text = read_bytes(&file, RULES_MAX_BYTES).await.map_err(|_| ()).and_then(|b| String::from_utf8(b).map_err(|_| ()));
            let parsed = match text {
                Ok(text) => parse_rules(&text).map(|r| (r, text)),
                // Too large, or unreadable: the parser says so in its own words.
                Err(()) => parse_rules(&"x".repeat(RULES_MAX_BYTES + 1)).map(|r| (r, String::new())),
            };
            match parsed {
                Ok((rules, text)) => {
                    let saved = async {
                        let settings = self.settings.run(())?;
                        settings.set(self.keys.custom, &text).await?;
                        settings.set(self.keys.choice, CUSTOM).await
                    }
                    .await;
                    match saved {
                        Ok(()) => {
                            self.message.try_set(Some((t.score_loaded)(&rules.name)));
                            self.custom.try_set(Some(rules));
                            self.choice.try_set(CUSTOM.to_string());
                        }
                        Err(e) => {
                            self.message.try_set(Some((t.save_failed)(store_error_text(t, &e))));
                        }
                    }
                }
                Err(errors) => {
                    self.message.try_set(Some((t.score_rules_refused)(errors.len())));
                    self.problems.try_set(errors.iter().map(|e| t.rule_error(e)).collect());
                }
            }
        });
    }
}

/// The rules `<select>`: the presets, and the loaded file when there is one.
#[component]
pub fn RulesSelect(rc: RulesChoice) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <select aria-label=ctx.text(|t| t.score_rules) prop:value=move || rc.choice.get()
            on:change=move |ev| rc.choose(event_target_value(&ev))>
            {PRESET_FILES.iter().map(|(id, text)| {
                let name = parse_rules(text).map(|r| r.name).unwrap_or_default();
                view! { <option value=*id>{name}</option> }
            }).collect_view()}
            {move || rc.custom.get().map(|r| view! { <option value=CUSTOM>{format!("{}：{}", ctx.t().score_custom, r.name)}</option> })}
        </select>
    }
}

/// Loading the committee's rules file: the button, the outcome, and each problem.
#[component]
pub fn RulesFileLoader(rc: RulesChoice) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <section class="card rules-loader">
            <h2>{ctx.text(|t| t.score_load)}</h2>
            <p class="hint">{ctx.text(|t| t.score_load_hint)}</p>
            <label class="button small file-button">
                {ctx.text(|t| t.score_load)}
                <input type="file" accept=".json,application/json" class="sr-only rules-file" on:change=move |ev| {
                    if let Some(file) = take_chosen(&ev).into_iter().next() {
                        rc.load(file, ctx.t());
                    }
                } />
            </label>
            <p class="ok-note" role="status">{move || rc.message.get()}</p>
            <ul class="rule-errors" role="alert">
                <For each=move || rc.problems.get() key=|p| p.clone() let:p>
                    <li>{p}</li>
                </For>
            </ul>
        </section>
    }
}

#[component]
pub fn ScorePage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let year = RwSignal::new(this_year());
    let rc = RulesChoice::new(MEMBER_KEYS, Callback::new(move |()| ctx.settings()));
    let card = RwSignal::new(None::<(ScoreRules, ScoreCard)>);
    // Only the newest run lands: a slow answer for a year or rules no longer chosen is dropped.
    let generation = StoredValue::new(0u32);

    Effect::new(move |_| {
        let (Some(rules), y) = (rc.rules(), year.get()) else { return };
        let member_id = ctx.profile.with_untracked(|p| p.as_ref().map(|p| p.member_id.clone())).unwrap_or_default();
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        timing::mark("lvzhi:score:start");
        spawn_local(async move {
            let facts = ctx.score_facts(y, &member_id).await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            match facts {
                Ok(facts) => {
                    let result = score(&rules, &facts);
                    // Reading the year's records and scoring them (read by the benchmark).
                    timing::measure("lvzhi:score", "lvzhi:score:start");
                    card.try_set(Some((rules, result)));
                }
                Err(e) => {
                    rc.message.try_set(Some(store_error_text(ctx.t(), &e).to_string()));
                }
            }
        });
    });

    view! {
        <PageHeader title=ctx.text(|t| t.duty_score)>
            <A href="/duty" attr:class="button small">{ctx.text(|t| t.tab_duty)}</A>
        </PageHeader>
        <div class="filters two score-filters">
            <select aria-label=ctx.text(|t| t.filter_year) on:change=move |ev| {
                if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }
            }>
                <YearOptions />
            </select>
            <RulesSelect rc />
        </div>
        {move || card.get().map(|(rules, c)| view! { <ScoreCardView rules card=c /> })}
        <RulesFileLoader rc />
    }
}

/// The card: total and verdict, the points per rule item, and the minimums not met.
#[component]
pub fn ScoreCardView(rules: ScoreRules, card: ScoreCard) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = ctx.t();
    let verdict = match (card.pass, card.excellent) {
        (_, Some(true)) => Some((t.score_excellent, "verdict good")),
        (Some(true), _) => Some((t.score_pass, "verdict good")),
        (Some(false), _) => Some((t.score_fail, "verdict bad")),
        (None, _) => None,
    };
    view! {
        <section class="card score-card" aria-live="polite">
            <p class="score-total">
                <span class="score-number">{card.total.to_string()}</span>
                <span class="score-unit">{(t.score_points_n)("").trim().to_string()}</span>
                {verdict.map(|(text, class)| view! { <span class=class>{text}</span> })}
            </p>
            {rules.pass.map(|p| view! { <p class="muted">{(t.score_pass_line)(&p.to_string())}</p> })}
            <table class="score-items">
                <thead><tr><th scope="col">{t.score_item}</th><th scope="col">{t.score_count}</th><th scope="col">{t.score_points}</th></tr></thead>
                <tbody>
                    {card.items.into_iter().map(|i| view! {
                        <tr>
                            <th scope="row">{i.label}</th>
                            <td>{i.count}</td>
                            <td>{i.points.to_string()}{i.capped.then(|| view! { <span class="capped">{t.score_capped}</span> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {if rules.minimums.is_empty() {
                ().into_any()
            } else if card.missing.is_empty() {
                view! { <p class="ok-note">{t.score_all_met}</p> }.into_any()
            } else {
                view! {
                    <h2 class="missing-title">{t.score_missing_title}</h2>
                    <ul class="missing">
                        {card.missing.iter().map(|m| view! { <li>{t.missing(m)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!rules.source.is_empty()).then(|| view! { <p class="hint">{(t.score_source)(&rules.source)}</p> })}
        </section>
    }
}

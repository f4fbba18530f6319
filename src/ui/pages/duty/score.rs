//! 考核得分: the member's duty score for a year under the committee's rules (a shipped
//! preset or the committee's own rules file), with the breakdown per rule and what is
//! still missing this year.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::score::{parse_rules, score, ScoreCard, ScoreRules, YearFacts, PRESET_FILES, RULES_MAX_BYTES};
use crate::ui::components::page_header::PageHeader;
use crate::ui::components::year_options::YearOptions;
use crate::ui::files::{read_bytes, take_chosen};
use crate::ui::service::{store_error_text, this_year, AppCtx};

/// Settings keys: which rules were chosen, and the text of a loaded rules file.
const CHOICE_KEY: &str = "score.rules";
const CUSTOM_KEY: &str = "score.custom_rules";
/// The choice that means "the loaded file".
const CUSTOM: &str = "custom";

#[component]
pub fn ScorePage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let year = RwSignal::new(this_year());
    let choice = RwSignal::new(PRESET_FILES[0].0.to_string());
    let custom = RwSignal::new(None::<ScoreRules>);
    let card = RwSignal::new(None::<(ScoreRules, ScoreCard)>);
    let message = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<String>::new());

    // The remembered choice and file, once.
    spawn_local(async move {
        let Ok(settings) = ctx.settings() else { return };
        if let Ok(Some(text)) = settings.get(CUSTOM_KEY).await {
            custom.try_set(parse_rules(&text).ok());
        }
        if let Ok(Some(c)) = settings.get(CHOICE_KEY).await {
            choice.try_set(c);
        }
    });

    let rules = move || -> Option<ScoreRules> {
        let c = choice.get();
        if c == CUSTOM {
            return custom.get();
        }
        PRESET_FILES.iter().find(|(id, _)| *id == c).and_then(|(_, text)| parse_rules(text).ok())
    };

    Effect::new(move |_| {
        let (Some(rules), y) = (rules(), year.get()) else { return };
        let member_id = ctx.profile.with_untracked(|p| p.as_ref().map(|p| p.member_id.clone())).unwrap_or_default();
        spawn_local(async move {
            match ctx.year_records(y).await {
                Ok(records) => {
                    let facts = YearFacts::collect(
                        y,
                        &member_id,
                        &records.logs,
                        &records.proposals,
                        &records.events,
                        &records.reports,
                    );
                    let result = score(&rules, &facts);
                    card.try_set(Some((rules, result)));
                }
                Err(e) => {
                    message.try_set(Some(store_error_text(ctx.t(), &e).to_string()));
                }
            }
        });
    });

    let choose = move |c: String| {
        choice.set(c.clone());
        spawn_local(async move {
            if let Ok(settings) = ctx.settings() {
                let _ = settings.set(CHOICE_KEY, &c).await;
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen(&ev).into_iter().next() else { return };
        problems.set(Vec::new());
        message.set(None);
        spawn_local(async move {
            let t = ctx.t();
            let text = read_bytes(&file, RULES_MAX_BYTES).await.map_err(|_| ()).and_then(|b| String::from_utf8(b).map_err(|_| ()));
            let parsed = match text {
                Ok(text) => parse_rules(&text).map(|r| (r, text)),
                // Too large, or unreadable: the parser says so in its own words.
                Err(()) => parse_rules(&"x".repeat(RULES_MAX_BYTES + 1)).map(|r| (r, String::new())),
            };
            match parsed {
                Ok((rules, text)) => {
                    let saved = async {
                        let settings = ctx.settings()?;
                        settings.set(CUSTOM_KEY, &text).await?;
                        settings.set(CHOICE_KEY, CUSTOM).await
                    }
                    .await;
                    match saved {
                        Ok(()) => {
                            message.try_set(Some((t.score_loaded)(&rules.name)));
                            custom.try_set(Some(rules));
                            choice.try_set(CUSTOM.to_string());
                        }
                        Err(e) => {
                            message.try_set(Some((t.save_failed)(store_error_text(t, &e))));
                        }
                    }
                }
                Err(errors) => {
                    message.try_set(Some((t.score_rules_refused)(errors.len())));
                    problems.try_set(errors.iter().map(|e| t.rule_error(e)).collect());
                }
            }
        });
    };

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
            <select aria-label=ctx.text(|t| t.score_rules) prop:value=move || choice.get()
                on:change=move |ev| choose(event_target_value(&ev))>
                {PRESET_FILES.iter().map(|(id, text)| {
                    let name = parse_rules(text).map(|r| r.name).unwrap_or_default();
                    view! { <option value=*id>{name}</option> }
                }).collect_view()}
                {move || custom.get().map(|r| view! { <option value=CUSTOM>{format!("{}：{}", t().score_custom, r.name)}</option> })}
            </select>
        </div>
        {move || card.get().map(|(rules, c)| view! { <ScoreCardView rules card=c /> })}
        <section class="card">
            <h2>{ctx.text(|t| t.score_load)}</h2>
            <p class="hint">{ctx.text(|t| t.score_load_hint)}</p>
            <label class="button small file-button">
                {ctx.text(|t| t.score_load)}
                <input type="file" accept=".json,application/json" class="sr-only" on:change=on_file />
            </label>
            <p class="ok-note" role="status">{move || message.get()}</p>
            <ul class="rule-errors" role="alert">
                <For each=move || problems.get() key=|p| p.clone() let:p>
                    <li>{p}</li>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ScoreCardView(rules: ScoreRules, card: ScoreCard) -> impl IntoView {
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

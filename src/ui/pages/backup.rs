//! 备份与恢复 under 我的: make the encrypted backup file, restore one, and a reminder when
//! the last backup is old. [`RestoreForm`] is also reachable from the first-run page, for a
//! member setting up a new phone.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::backup::{reminder, DocProblem, FileError, Reminder};
use crate::bundle::seal::passphrase_problem;
use crate::i18n::Texts;
use crate::store::backup::{BackupError, RestoreReport};
use crate::ui::backup::{last_backup, make_backup, read_file, reload_after_restore, restore_text, take_restored, Failure};
use crate::ui::service::{now_ms, store_error_text, AppCtx};

/// The sentence for a failed backup or restore.
fn failure_text(t: &'static Texts, e: &Failure) -> String {
    match e {
        Failure::Store(e) | Failure::Restore(BackupError::Store(e)) => (t.save_failed)(store_error_text(t, e)),
        Failure::Seal(e) | Failure::File(FileError::Seal(e)) => t.seal_error(*e),
        Failure::File(FileError::NotBackup) | Failure::Restore(BackupError::Doc(DocProblem::UnknownFormat)) => {
            t.restore_not_backup.into()
        }
        Failure::File(FileError::Damaged) | Failure::Restore(BackupError::Doc(DocProblem::Damaged(_))) => {
            t.restore_damaged.into()
        }
        Failure::Restore(BackupError::Doc(DocProblem::NewerSchema { .. } | DocProblem::UnknownStore(_))) => {
            t.restore_newer.into()
        }
        Failure::Deliver => t.backup_deliver_failed.into(),
    }
}

/// "已恢复：新增 N 条，更新 M 条，保留本机较新的 K 条" (and the unchanged ones, if any).
fn restored_text(t: &'static Texts, r: RestoreReport) -> String {
    let mut s = (t.restore_counts)(r.added, r.replaced, r.kept);
    if r.unchanged > 0 {
        s.push_str(&(t.restore_unchanged)(r.unchanged));
    }
    s
}

/// Local time as "YYYY-MM-DD HH:MM".
fn local_minute(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{}-{:02}-{:02} {:02}:{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}

#[component]
pub fn BackupCard() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let last = RwSignal::new(None::<i64>);
    let has_data = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let first = NodeRef::<html::Input>::new();
    let again = NodeRef::<html::Input>::new();

    let load = move || {
        spawn_local(async move {
            if let Ok(l) = last_backup(ctx).await {
                last.try_set(l);
            }
            if let Ok(d) = ctx.has_member_data().await {
                has_data.try_set(d);
            }
        });
    };
    load();

    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|i| i.value()).unwrap_or_default();
        let pass = value(first);
        if let Some(problem) = passphrase_problem(&pass) {
            error.set(Some(t().passphrase_problem(problem)));
            return;
        }
        if pass != value(again) {
            error.set(Some(t().key_passphrase_mismatch.to_string()));
            return;
        }
        error.set(None);
        message.set(None);
        busy.set(true);
        spawn_local(async move {
            // Let "正在加密…" paint before the (synchronous) key derivation.
            gloo_timers::future::TimeoutFuture::new(30).await;
            match make_backup(ctx, &pass).await {
                Ok(file) => {
                    for r in [first, again] {
                        if let Some(input) = r.get_untracked() {
                            input.set_value("");
                        }
                    }
                    message.try_set(Some((ctx.t().backup_done)(&file)));
                    load();
                }
                Err(e) => {
                    error.try_set(Some(failure_text(ctx.t(), &e)));
                }
            }
            busy.try_set(false);
        });
    };

    let notice = move || {
        reminder(now_ms(), last.get(), has_data.get()).map(|r| match r {
            Reminder::Never => t().backup_remind_never.to_string(),
            Reminder::DaysAgo(n) => (t().backup_remind_days)(n),
        })
    };

    view! {
        <section class="card backup-card" id="backup">
            <h2>{ctx.text(|t| t.backup_title)}</h2>
            {move || notice().map(|n| view! { <p class="notice backup-reminder" role="status">{n}</p> })}
            <p class="hint">{ctx.text(|t| t.backup_hint)}</p>
            <p class="backup-last">{move || match last.get() {
                Some(ms) => (t().backup_last)(&local_minute(ms)),
                None => t().backup_never.to_string(),
            }}</p>
            <form class="form passphrase-form" on:submit=make>
                <div class="field">
                    <label for="b-pass">{ctx.text(|t| t.backup_passphrase)}</label>
                    <p class="hint" id="b-pass-hint">{ctx.text(|t| t.backup_passphrase_hint)}</p>
                    <input id="b-pass" node_ref=first type="password" autocomplete="new-password" aria-describedby="b-pass-hint" />
                </div>
                <div class="field">
                    <label for="b-again">{ctx.text(|t| t.backup_passphrase_again)}</label>
                    <input id="b-again" node_ref=again type="password" autocomplete="new-password" />
                </div>
                <p class="save-error" role="alert">{move || error.get()}</p>
                <p class="ok-note" role="status">{move || if busy.get() { Some(t().backup_working.to_string()) } else { message.get() }}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || busy.get()>{ctx.text(|t| t.backup_make)}</button>
                </div>
            </form>
            <RestoreForm />
        </section>
    }
}

/// Choose a backup file, enter its passphrase, restore. On success the app reloads on 我的,
/// which shows the counts.
#[component]
pub fn RestoreForm() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let file = StoredValue::new_local(None::<web_sys::File>);
    let chosen = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(take_restored().map(|r| restored_text(ctx.t(), r)));
    let pass = NodeRef::<html::Input>::new();

    let on_file = move |ev: leptos::ev::Event| {
        let first = crate::ui::files::take_chosen(&ev).into_iter().next();
        chosen.set(first.as_ref().map(web_sys::File::name));
        file.set_value(first);
        error.set(None);
    };
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(f) = file.get_value() else {
            error.set(Some(t().restore_no_file.to_string()));
            return;
        };
        let passphrase = pass.get_untracked().map(|i| i.value()).unwrap_or_default();
        error.set(None);
        done.set(None);
        busy.set(true);
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(30).await;
            let outcome = match read_file(&f).await {
                Ok(text) => restore_text(ctx, &text, &passphrase).await,
                Err(_) => Err(Failure::File(FileError::NotBackup)),
            };
            match outcome {
                Ok(report) => reload_after_restore(report),
                Err(e) => {
                    error.try_set(Some(failure_text(ctx.t(), &e)));
                    busy.try_set(false);
                }
            }
        });
    };

    view! {
        <form class="form passphrase-form restore-form" on:submit=run>
            <h3>{ctx.text(|t| t.restore_title)}</h3>
            <p class="ok-note restore-done" role="status">{move || done.get()}</p>
            <p class="hint">{ctx.text(|t| t.restore_hint)}</p>
            <label class="button small file-button">
                {ctx.text(|t| t.restore_pick)}
                <input type="file" accept=".json,application/json" class="sr-only" on:change=on_file />
            </label>
            <p class="muted">{move || chosen.get().map(|n| (t().restore_chosen)(&n))}</p>
            <div class="field">
                <label for="r-pass">{ctx.text(|t| t.backup_passphrase)}</label>
                <input id="r-pass" node_ref=pass type="password" autocomplete="current-password" />
            </div>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <p class="ok-note" role="status">{move || busy.get().then(|| t().restore_working)}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>{ctx.text(|t| t.restore_run)}</button>
            </div>
        </form>
    }
}

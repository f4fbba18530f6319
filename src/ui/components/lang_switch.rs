use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Lang;
use crate::ui::service::AppCtx;

/// 中文 | English, each language named in itself so anyone can find their own.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let button = move |lang: Lang| {
        view! {
            <button type="button" class="seg"
                aria-pressed=move || (ctx.lang.get() == lang).to_string()
                lang=lang.code()
                on:click=move |_| spawn_local(ctx.set_lang(lang))>
                {lang.texts().lang_name}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=ctx.text(|t| t.me_language)>
            {Lang::ALL.into_iter().map(button).collect_view()}
        </div>
    }
}

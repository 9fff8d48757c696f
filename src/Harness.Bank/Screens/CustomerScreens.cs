using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.MailPasswords;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;
using Harness.Bank.Transfers;
using Harness.Bank.Vip;
using static Harness.Bank.Screens.Html;

namespace Harness.Bank.Screens;

/// <summary>The customer's screens, in the manuals' words, over the same operations as the JSON API.</summary>
public static class CustomerScreens
{
    private static string? F(IFormCollection form, string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;

    private static IResult ToLogin() => Results.Redirect("/login");

    /// <summary>Runs a screen for a logged-in customer whose session may do <paramref name="act"/>; a session that may not sees why
    /// (モバイルIB, akita after 利用停止); anyone else goes back to ログイン.</summary>
    private static async Task<IResult> LoggedIn(HttpContext http, Sessions sessions, Act act, Func<Sessions.Current, Task<IResult>> screen)
    {
        var current = await sessions.CurrentAsync(http, act, http.RequestAborted);
        if (current.Value is { } c)
        {
            return await screen(c);
        }
        if (current.Problem!.Code == "not_logged_in")
        {
            return ToLogin();
        }
        var h = http.RequestServices.GetRequiredService<Html>();
        return h.Page("ご利用いただけません", $"<p>{Link("/menu", "トップページへ")}</p>", error: current.Problem.Message, status: current.Problem.Status);
    }

    /// <summary>After a refusal that ended the session (強制ログアウト), the login screen says why.</summary>
    private static IResult Refused(Html h, Problem p, Func<string?, IResult> again) =>
        p.Code is "forced_logout" or "not_logged_in" ? LoginPage(h, p.Message, p.Status) : again(p.Message);

    /// <summary>Any screen while the bank's database cannot be reached: the refusal and the way back to the start
    /// (ログイン; the 窓口 page for the counter's screens).</summary>
    public static IResult DatabaseDown(Html h, PathString path)
    {
        var back = path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase)
            ? Link("/staff", "窓口画面へ戻る")
            : Link("/login", "ログイン画面へ戻る");
        return h.Page("エラー", $"<p>{back}</p>", error: Problem.DatabaseDown.Message, status: Problem.DatabaseDown.Status);
    }

    public static void MapCustomerScreens(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => ToLogin());

        // ---- ログイン ----
        app.MapGet("/login", (Html h, BankProfile profile) => LoginPage(h, null));
        app.MapPost("/login", async (IFormCollection form, HttpContext http, Html h, BankProfile profile, LoginOperations ops) =>
        {
            // No device choice here: whatever device the customer uses, a token in use means the OTP is asked.
            var outcome = await ops.LoginAsync(new LoginRequest(F(form, "loginId"), F(form, "password")), http.RequestAborted);
            if (outcome.Value is not { } loggedIn)
            {
                return LoginPage(h, outcome.Problem!.Message, outcome.Problem.Status);
            }
            Sessions.WriteCookie(http, loggedIn.SessionId);
            return Results.Redirect(loggedIn.Next == "otp" ? "/login/otp" : "/menu");
        });
        // ---- モバイルIB (SKN-04): its own entrance, id + password only, a session that may only look ----
        // ---- スマートフォンのログイン (a bank whose manual shows one, shinkin): the same login, with the 利用登録 and 利用停止 buttons ----
        app.MapGet("/smartphone/login", (Html h, BankProfile profile) =>
            profile.Texts.SmartphoneLoginPage ? SmartphoneLoginPage(h, profile) : Results.NotFound());
        app.MapGet("/mobile/login", (Html h, BankProfile profile) =>
            profile.Otp.MobileIbWithoutOtp ? MobileLoginPage(h, profile, null) : NotOffered(h));
        app.MapPost("/mobile/login", async (IFormCollection form, HttpContext http, Html h, BankProfile profile, LoginOperations ops) =>
        {
            if (!profile.Otp.MobileIbWithoutOtp)
            {
                return NotOffered(h);
            }
            var outcome = await ops.MobileLoginAsync(new MobileLoginRequest(F(form, "loginId"), F(form, "password")), http.RequestAborted);
            if (outcome.Value is not { } loggedIn)
            {
                return MobileLoginPage(h, profile, outcome.Problem!.Message, outcome.Problem.Status);
            }
            Sessions.WriteCookie(http, loggedIn.SessionId);
            return Results.Redirect("/menu");
        });
        app.MapGet("/login/otp", async (HttpContext http, Html h, BankProfile profile, Sessions sessions, OtpChecks otp) =>
        {
            var current = await sessions.CurrentAsync(http, SessionStage.AwaitingOtp, http.RequestAborted);
            return current.Value is { } c ? await OtpLoginPage(h, profile, otp, c, null) : ToLogin();
        });
        app.MapPost("/login/otp", async (IFormCollection form, HttpContext http, Html h, BankProfile profile, Sessions sessions, OtpChecks otp, LoginOperations ops) =>
        {
            var current = await sessions.CurrentAsync(http, SessionStage.AwaitingOtp, http.RequestAborted);
            if (current.Value is not { } c)
            {
                return ToLogin();
            }
            var outcome = await ops.LoginOtpAsync(c, new OtpRequest(F(form, "otp")), http.RequestAborted);
            return outcome.Failed ? await OtpLoginPage(h, profile, otp, c, outcome.Problem!.Message, outcome.Problem.Status) : Results.Redirect("/menu");
        });
        app.MapPost("/logout", async (HttpContext http, Html h, LoginOperations ops) =>
        {
            await ops.LogoutAsync(Sessions.IdFrom(http), http.RequestAborted);
            http.Response.Cookies.Delete(Sessions.CookieName);
            return LoginPage(h, null, message: "ログアウトしました。");
        });

        // ---- メニュー ----
        app.MapGet("/menu", (HttpContext http, Html h, Sessions sessions, LoginOperations ops, BankProfile profile) => LoggedIn(http, sessions, Act.View, async c =>
        {
            var menu = await ops.MenuAsync(c.Customer, http.RequestAborted);
            var links = new List<string>();
            var services = new List<string>();
            var notes = new List<string>();
            async Task Offer(Act act, string href, string text, List<string>? into = null)
            {
                if (await sessions.RefusalAsync(c, act, http.RequestAborted) is { } refused)
                {
                    if (!notes.Contains(refused.Message))
                    {
                        notes.Add(refused.Message);
                    }
                    return;
                }
                (into ?? links).Add(Link(href, text));
            }
            // ワンタイムパスワード申請 and メール通知パスワード利用変更 sit in the bank's 「ご利用サービスの変更」 group where its manual has one.
            var group = profile.Texts.ServiceChangeMenu.Length > 0 ? services : links;
            if (profile.Offers(TokenKind.Soft) || profile.Offers(TokenKind.Hard))
            {
                await Offer(Act.OtpIssue, "/otp", h.W("ワンタイムパスワード申請", "メニュー"), group);
            }
            if (profile.MailPassword.Offered && profile.MailPassword.CustomerChooses)
            {
                await Offer(Act.SettingsChange, "/settings/mail-password", "メール通知パスワード利用変更", group);
            }
            var serviceMenu = services.Count == 0 ? "" : $"""
                <li><a href="#service-change">{E(profile.Texts.ServiceChangeMenu)}</a>
                <ul id="service-change">{string.Concat(services.Select(l => $"<li>{l}</li>"))}</ul></li>
                """;
            await Offer(Act.Transfer, "/transfers", "振込・振替");
            await Offer(Act.LimitChange, "/limit", "振込・振替限度額変更");
            return h.Page(h.W("メニュー"), $"""
                {string.Concat(notes.Select(n => $"<p role=\"note\">{E(n)}</p>"))}
                <p>{E(menu.Name)} 様</p>
                {Table(("ワンタイムパスワード登録状況", menu.Otp.Status), ("メール通知パスワード", menu.MailPassword),
                    ("振込限度額", Yen(menu.TransferLimitYen)), ("残高", Yen(menu.BalanceYen)))}
                <nav aria-label="グローバルナビゲーション"><ul>{serviceMenu}{string.Concat(links.Select(l => $"<li>{l}</li>"))}</ul></nav>
                {h.Form("/logout", "", "ログアウト")}
                """);
        }));

        // ---- ワンタイムパスワード申請内容選択 (BOP001) ----
        app.MapGet("/otp", (HttpContext http, Html h, Sessions sessions, OtpOperations ops, BankProfile profile) => LoggedIn(http, sessions, Act.OtpIssue, async c =>
            Bop001(h, profile, await ops.StatusAsync(c.Customer, http.RequestAborted), null)));
        app.MapGet("/otp/issue", (HttpContext http, Html h, Sessions sessions, BankProfile profile) => LoggedIn(http, sessions, Act.OtpIssue, c =>
        {
            if (!profile.Offers(TokenKind.Hard))
            {
                return Task.FromResult(Results.Redirect("/otp/soft"));
            }
            return Task.FromResult(h.Page("トークン発行（選択）", $"""
                <p>トークンの種類を選択して下さい。</p>
                <h2>トークンの選択</h2>
                <p>{Link("/otp/soft", "選択")} ソフトウェアトークン（携帯電話またはスマートフォンのアプリに表示する方法）</p>
                <p>{Link("/otp/hard", "選択")} ハードウェアトークン (キーホルダー型の生成機に表示する方法)</p>
                <p>{Link("/otp", "戻る")}</p>
                """, "BOT010"));
        }));

        // ソフトウェアトークン: 発行情報入力 → 発行情報入力内容確認 → 発行完了
        app.MapGet("/otp/soft", (HttpContext http, Html h, Sessions sessions, BankProfile profile) => LoggedIn(http, sessions, Act.OtpIssue, c => Task.FromResult(SoftInput(h, profile, null))));
        app.MapPost("/otp/soft/confirm", (IFormCollection form, HttpContext http, Html h, Sessions sessions, OtpOperations ops, BankProfile profile,
            PendingSoftIssues pending) =>
            LoggedIn(http, sessions, Act.OtpIssue, async c =>
            {
                var mail = F(form, "mailAddress");
                var activation = F(form, "activationPassword");
                if (SoftInputProblem(form, profile) is { } bad)
                {
                    return SoftInput(h, profile, bad.Message, 400);
                }
                var mailPassword = "";
                if (profile.MailPassword.RequiredFor.Contains(MailPasswordUse.SoftTokenIssue))
                {
                    var sent = await ops.SendSoftIssueMailPasswordAsync(c, http.RequestAborted);
                    if (sent.Value is not { } s)
                    {
                        return SoftInput(h, profile, sent.Problem!.Message, sent.Problem.Status);
                    }
                    mailPassword = $"""
                        <h2>{E(h.W("メール通知パスワード送信先"))}</h2>
                        <p>{E(h.W("メール通知パスワードは、お客様へ送信されたメールの本文に以下の送信日時を記載したメールをご確認ください。"))}</p>
                        {Table(("送信日時", s.SentAt.ToString("yyyy年MM月dd日 HH時mm分ss秒", System.Globalization.CultureInfo.InvariantCulture)), ("送信先メールアドレス", s.SentTo))}
                        {Password("mailPassword", "メール通知パスワード", "（半角数字）")}
                        """;
                }
                pending.Put(c.Session.IdHash, new PendingSoftIssues.Pending(mail!, activation!));
                return SoftConfirm(h, mail!, mailPassword, null);
            }));
        app.MapPost("/otp/soft/issue", (IFormCollection form, HttpContext http, Html h, Sessions sessions, OtpOperations ops, PendingSoftIssues pending,
            BankProfile profile) =>
            LoggedIn(http, sessions, Act.OtpIssue, async c =>
            {
                PendingSoftIssues.Pending? entered;
                if (profile.Texts.SoftIssueOnOneScreen)
                {
                    // One トークン発行 screen: what the customer typed comes with the 確認用パスワード.
                    if (SoftInputProblem(form, profile) is { } bad)
                    {
                        return SoftInput(h, profile, bad.Message, 400);
                    }
                    entered = new PendingSoftIssues.Pending(F(form, "mailAddress")!, F(form, "activationPassword")!);
                }
                else if ((entered = pending.Take(c.Session.IdHash)) is null)
                {
                    return SoftInput(h, profile, "発行情報の入力から時間が経過したか、入力内容が見つかりません。お手数ですが、発行情報の入力からやり直して下さい。", 400);
                }
                var request = new SoftIssueRequest(entered.MailAddress, entered.MailAddress, entered.ActivationPassword,
                    entered.ActivationPassword, F(form, "confirmationPassword"), F(form, "mailPassword"));
                var outcome = await ops.IssueSoftAsync(c, request, http.RequestAborted);
                if (outcome.Value is not { } issued)
                {
                    return Refused(h, outcome.Problem!, error => SoftInput(h, profile, error, outcome.Problem!.Status));
                }
                const string Issued = "トークン発行（ソフトウェアトークン発行完了）";
                return h.Page(h.W(Issued), $"""
                    <p role="status">トークン発行を受け付けました。<br>携帯電話メールアドレスにトークン発行用のメールが送信されます。<br>トークン情報に従い、ワンタイムパスワードの設定のお手続きをお願いします。</p>
                    <p><a href="javascript:window.print()">ページを印刷する</a></p>
                    <h2>送付先メールアドレス</h2>
                    {Table((h.W("携帯電話メールアドレス", Issued), issued.MailAddress))}
                    <h2>トークン情報</h2>
                    {Table(("サービスID", issued.ServiceId), ("ユーザID", issued.UserId))}
                    <p>{Link("/otp", "ワンタイムパスワード申請内容選択へ")}</p>
                    """, crumbs: h.Crumbs("softIssue", "ソフトウェアトークン発行完了"));
            }));

        // ハードウェアトークン: 発行確認 → 発行完了
        app.MapGet("/otp/hard", (HttpContext http, Html h, Sessions sessions, OtpOperations ops, OtpChecks otp) => LoggedIn(http, sessions, Act.OtpIssue, async c =>
            HardConfirm(h, await ops.StatusAsync(c.Customer, http.RequestAborted), otp, null)));
        app.MapPost("/otp/hard", (IFormCollection form, HttpContext http, Html h, Sessions sessions, OtpOperations ops, OtpChecks otp) =>
            LoggedIn(http, sessions, Act.OtpIssue, async c =>
            {
                var outcome = await ops.IssueHardAsync(c, new HardIssueRequest(F(form, "confirmationPassword"), F(form, "otp")), http.RequestAborted);
                if (outcome.Value is not { } applied)
                {
                    var status = await ops.StatusAsync(c.Customer, http.RequestAborted);
                    return Refused(h, outcome.Problem!, error => HardConfirm(h, status, otp, error, outcome.Problem!.Status));
                }
                return h.Page("トークン発行（ハードウェアトークン発行完了）", $"""
                    <p role="status">{E(applied.Message)}</p>
                    <p>{E(applied.Detail)}ハードウェアトークンがお手元に届いた後、ワンタイムパスワード利用開始を行ってください。</p>
                    <p>{Link("/otp", "ワンタイムパスワード申請内容選択へ")}</p>
                    """);
            }));

        // 利用開始: ソフトウェアトークン確認 / ハードウェアトークン確認 (BOK501) → 完了 (BOK502)
        app.MapGet("/otp/activate", (HttpContext http, Html h, Sessions sessions, OtpOperations ops, BankProfile profile) => LoggedIn(http, sessions, Act.OtpIssue, async c =>
            ActivatePage(h, profile, await ops.StatusAsync(c.Customer, http.RequestAborted), null)));
        app.MapPost("/otp/activate", (IFormCollection form, HttpContext http, Html h, Sessions sessions, OtpOperations ops, BankProfile profile) =>
            LoggedIn(http, sessions, Act.OtpIssue, async c =>
            {
                var status = await ops.StatusAsync(c.Customer, http.RequestAborted);
                var serial = ShowsKeyfobActivation(profile, status) ? F(form, "serialNo") : null;
                var outcome = await ops.ActivateAsync(c, new ActivateRequest(F(form, "otp"), serial), http.RequestAborted);
                if (outcome.Value is not { } done)
                {
                    return Refused(h, outcome.Problem!, error => ActivatePage(h, profile, status, error, outcome.Problem!.Status));
                }
                return serial is not null
                    ? h.Page(h.W("ワンタイムパスワード利用開始（ハードウェアトークン完了）"), $"""
                        <p role="status">{E(done.Message)}</p>
                        <h2>トークン情報</h2>
                        {Table(("シリアル番号", done.SerialNo), ("有効期限", done.ExpiresAt))}
                        <p>{Link("/otp", "ワンタイムパスワード申請内容選択へ")}</p>
                        """, "BOK502", crumbs: h.Crumbs("activateHard", "ハードウェアトークン完了"))
                    : h.Page(h.W("ワンタイムパスワード利用開始（ソフトウェアトークン完了）"), $"""
                        <p role="status">{E(done.Message)}</p>
                        <p>{Link("/otp", "ワンタイムパスワード申請内容選択へ")}</p>
                        """, crumbs: h.Crumbs("activateSoft", "ソフトウェアトークン完了"));
            }));

        // 利用解除 (BOS001)
        app.MapGet("/otp/deactivate", (HttpContext http, Html h, Sessions sessions, BankProfile profile, OtpChecks otp, OtpOperations ops) => LoggedIn(http, sessions, Act.OtpDeactivate, async c =>
            profile.Otp.CustomerMayDeactivate
                ? DeactivatePage(h, profile, await otp.InUseTokenAsync(c.Customer.Id, http.RequestAborted), otp, null)
                // The 窓口 takes 利用解除 (akita, whose manual shows no 利用解除 screen): 申請内容選択 says so rather than a screen
                // the manual does not have asking for passwords it would refuse.
                : Bop001(h, profile, await ops.StatusAsync(c.Customer, http.RequestAborted), OtpOperations.StaffOnlyDeactivation.Message,
                    OtpOperations.StaffOnlyDeactivation.Status)));
        app.MapPost("/otp/deactivate", (IFormCollection form, HttpContext http, Html h, Sessions sessions, OtpOperations ops, BankProfile profile, OtpChecks otp) =>
            LoggedIn(http, sessions, Act.OtpDeactivate, async c =>
            {
                var token = await otp.InUseTokenAsync(c.Customer.Id, http.RequestAborted);
                var outcome = await ops.DeactivateAsync(c, new DeactivateRequest(F(form, "confirmationPassword"), F(form, "otp")), http.RequestAborted);
                if (outcome.Value is not { } done)
                {
                    return Refused(h, outcome.Problem!, error => DeactivatePage(h, profile, token, otp, error, outcome.Problem!.Status));
                }
                return h.Page(h.W("ワンタイムパスワード利用解除（利用解除完了）"), $"""
                    <p role="status">{E(done.Message)}</p>
                    <p>{Link("/otp", "ワンタイムパスワード申請内容選択へ")}</p>
                    """, crumbs: h.Crumbs("deactivate", "利用解除完了"));
            }));

        // ---- VIP: ログイン画面からの 利用登録/交換・利用停止: 利用者認証 → 登録情報入力 / セキュリティコード → 処理結果 ----
        foreach (var (path, title) in new[] { ("/vip/register", "ワンタイムパスワード利用登録"), ("/vip/stop", "ワンタイムパスワード利用停止") })
        {
            app.MapGet(path, (Html h) => VipAuthPage(h, path, title, null));
            // The smartphone login's 利用登録 / 利用停止 buttons (shinkin): the same flow, whose end leads back to that login.
            app.MapGet("/smartphone" + path, (Html h, BankProfile profile) =>
                profile.Texts.SmartphoneLoginPage ? VipAuthPage(h, path, title, null, via: Smartphone) : Results.NotFound());
            app.MapPost(path, async (IFormCollection form, HttpContext http, Html h, BankProfile profile, LoginOperations login) =>
            {
                var via = ViaOf(form, profile);
                var outcome = await login.StartVipStepAsync(F(form, "loginId"), F(form, "password"), http.RequestAborted);
                if (outcome.Value is not { } step)
                {
                    return VipAuthPage(h, path, title, outcome.Problem!.Message, outcome.Problem.Status, via);
                }
                Sessions.WriteCookie(http, step.SessionId);
                return path == "/vip/register" ? VipTokenPage(h, profile, null, via: via) : VipStopPage(h, profile, null, via: via);
            });
        }
        app.MapPost("/vip/register/token", async (IFormCollection form, HttpContext http, Html h, BankProfile profile, Sessions sessions, LoginOperations login, VipOperations ops) =>
        {
            var current = await sessions.CurrentAsync(http, SessionStage.VipOnly, http.RequestAborted);
            if (current.Value is not { } c)
            {
                return VipAuthPage(h, "/vip/register", "ワンタイムパスワード利用登録", Problem.NotLoggedIn.Message, 401);
            }
            var via = ViaOf(form, profile);
            var outcome = await ops.RegisterForAsync(c.Customer, F(form, "credentialId"), F(form, "otp"), http.RequestAborted);
            if (outcome.Value is not { } done)
            {
                return VipTokenPage(h, profile, outcome.Problem!.Message, outcome.Problem.Status, via);
            }
            await login.EndSessionAsync(c.Session, http.RequestAborted);
            return h.Page("ワンタイムパスワード利用登録", $"""
                <p>利用者認証 &gt;&gt; ワンタイムパスワード登録情報入力 &gt;&gt; <strong>処理結果</strong></p>
                {VipHelp(h)}
                <h2>利用登録</h2>
                <p role="status">{E(done.Message)}{(done.MessageCode.Length > 0 ? $"<br>({E(done.MessageCode)})" : "")}</p>
                {(via == Smartphone
                    ? $"<p>「ログイン画面」ボタンを押してください。</p>{NavButton("/smartphone/login", "ログイン画面")}"
                    : (profile.Texts.NavButtons.Contains(h.W("ログイン画面に戻る")) ? $"<p>「{E(h.W("ログイン画面に戻る"))}」ボタンを押してください。</p>" : "")
                        + $"<p>{h.Nav("/login", h.W("ログイン画面に戻る"))}</p>")}
                {(profile.Texts.PcLoginAsPictured ? "<p><small>本Webサイト上における各コンテンツは、著作権によって保護されています。</small></p>" : "")}
                """);
        });
        app.MapPost("/vip/stop/code", async (IFormCollection form, HttpContext http, Html h, BankProfile profile, Sessions sessions, LoginOperations login, VipOperations ops) =>
        {
            var current = await sessions.CurrentAsync(http, SessionStage.VipOnly, http.RequestAborted);
            if (current.Value is not { } c)
            {
                return VipAuthPage(h, "/vip/stop", "ワンタイムパスワード利用停止", Problem.NotLoggedIn.Message, 401);
            }
            var via = ViaOf(form, profile);
            var outcome = await ops.StopForAsync(c.Customer, F(form, "otp"), http.RequestAborted);
            if (outcome.Value is not { } done)
            {
                return VipStopPage(h, profile, outcome.Problem!.Message, outcome.Problem.Status, via);
            }
            await login.EndSessionAsync(c.Session, http.RequestAborted);
            return h.Page("ワンタイムパスワード利用停止", $"""
                <p role="status">{E(done.Message)}</p>
                <p>{h.Nav(EntranceOf(via), h.W("ログイン画面に戻る"))}</p>
                """);
        });

        // ---- メール通知パスワード利用変更 ----
        app.MapGet("/settings/mail-password", (HttpContext http, Html h, Sessions sessions, BankProfile profile) => LoggedIn(http, sessions, Act.SettingsChange, c =>
            Task.FromResult(MailPasswordInput(h, profile, c.Customer, null))));
        app.MapPost("/settings/mail-password", (IFormCollection form, HttpContext http, Html h, Sessions sessions, BankProfile profile, MailPasswordOperations ops) =>
            LoggedIn(http, sessions, Act.SettingsChange, async c =>
            {
                bool? use = F(form, "use") switch { "on" => true, "off" => false, _ => null };
                var outcome = await ops.ChangeAsync(c, new MailPasswordChangeRequest(use), http.RequestAborted);
                if (outcome.Value is not { } changed)
                {
                    return Refused(h, outcome.Problem!, error => MailPasswordInput(h, profile, c.Customer, error, outcome.Problem!.Status));
                }
                return changed.Status == "変更内容確認"
                    ? MailPasswordConfirm(h, changed.Message, null)
                    : h.Page("メール通知パスワード利用変更（変更完了）", $"<p>{E(changed.Message)}</p><p>{Link("/menu", "トップページへ")}</p>");
            }));
        app.MapPost("/settings/mail-password/confirm", (IFormCollection form, HttpContext http, Html h, Sessions sessions, MailPasswordOperations ops) =>
            LoggedIn(http, sessions, Act.SettingsChange, async c =>
            {
                var outcome = await ops.ConfirmAsync(c, new MailPasswordConfirmRequest(F(form, "confirmationPassword"), F(form, "mailPassword")), http.RequestAborted);
                if (outcome.Value is not { } changed)
                {
                    return Refused(h, outcome.Problem!, error => MailPasswordConfirm(h, null, error, outcome.Problem!.Status));
                }
                return h.Page("メール通知パスワード利用変更（変更完了）", $"<p>{E(changed.Message)}</p><p>{Link("/menu", "トップページへ")}</p>");
            }));

        // ---- 振込・振替 ----
        app.MapGet("/transfers", (HttpContext http, Html h, Sessions sessions, LoginOperations login) => LoggedIn(http, sessions, Act.Transfer, async c =>
            TransferChoice(h, await login.MenuAsync(c.Customer, http.RequestAborted), null)));
        app.MapPost("/transfers/next", (IFormCollection form, HttpContext http, Html h, Sessions sessions, LoginOperations login, TransferOperations ops, OtpChecks otp) =>
            LoggedIn(http, sessions, Act.Transfer, async c =>
            {
                int? payeeId = int.TryParse(F(form, "payee"), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
                var prepared = await ops.PrepareAsync(c, new PrepareRequest(payeeId), http.RequestAborted);
                if (prepared.Value is not { } p)
                {
                    return TransferChoice(h, await login.MenuAsync(c.Customer, http.RequestAborted), prepared.Problem!.Message, prepared.Problem.Status);
                }
                var token = await otp.InUseTokenAsync(c.Customer.Id, http.RequestAborted);
                return TransferInput(h, payeeId, p, token is null ? 0 : otp.DigitsOf(token), null);
            }));
        app.MapPost("/transfers", (IFormCollection form, HttpContext http, Html h, Sessions sessions, TransferOperations ops, OtpChecks otp) =>
            LoggedIn(http, sessions, Act.Transfer, async c =>
            {
                int? payeeId = int.TryParse(F(form, "payeeId"), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
                var request = new TransferRequest(payeeId, F(form, "bankName"), F(form, "branchName"), F(form, "accountNo"), F(form, "accountName"),
                    F(form, "amountYen"), F(form, "confirmationPassword"), F(form, "mailPassword"), F(form, "otp"));
                var outcome = await ops.TransferAsync(c, request, http.RequestAborted);
                if (outcome.Value is not { } done)
                {
                    var token = await otp.InUseTokenAsync(c.Customer.Id, http.RequestAborted);
                    var again = new Prepared(form.ContainsKey("mailPassword"), token is not null && form.ContainsKey("otp"), null, null);
                    return Refused(h, outcome.Problem!, error => TransferInput(h, payeeId, again, token is null ? 0 : otp.DigitsOf(token), error, outcome.Problem!.Status));
                }
                return h.Page("振込・振替（完了）", $"""
                    <p>{E(done.Message)}</p>
                    {Table(("振込金額", Yen(done.AmountYen)), ("残高", Yen(done.BalanceYen)))}
                    <p>{Link("/menu", "トップページへ")}</p>
                    """);
            }));

        // ---- 振込・振替限度額変更 ----
        app.MapGet("/limit", (HttpContext http, Html h, Sessions sessions, LoginOperations login, OtpChecks otp) => LoggedIn(http, sessions, Act.LimitChange, async c =>
            LimitPage(h, await login.MenuAsync(c.Customer, http.RequestAborted), await OtpDigitsForAsync(otp, c, OtpUse.SettingsChange, http), null)));
        app.MapPost("/limit", (IFormCollection form, HttpContext http, Html h, Sessions sessions, LoginOperations login, TransferOperations ops, OtpChecks otp) =>
            LoggedIn(http, sessions, Act.LimitChange, async c =>
            {
                var outcome = await ops.ChangeLimitAsync(c, new LimitRequest(F(form, "limitYen"), F(form, "confirmationPassword"), F(form, "otp")), http.RequestAborted);
                if (outcome.Value is not { } done)
                {
                    var menu = await login.MenuAsync(c.Customer, http.RequestAborted);
                    var digits = await OtpDigitsForAsync(otp, c, OtpUse.SettingsChange, http);
                    return Refused(h, outcome.Problem!, error => LimitPage(h, menu, digits, error, outcome.Problem!.Status));
                }
                return h.Page("振込・振替限度額変更（完了）", $"<p>{E(done.Message)}</p>{Table(("振込限度額", Yen(done.TransferLimitYen)))}<p>{Link("/menu", "トップページへ")}</p>");
            }));
    }

    private static string Yen(long yen) => yen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "円";

    private static async Task<int> OtpDigitsForAsync(OtpChecks otp, Sessions.Current c, OtpUse use, HttpContext http) =>
        otp.Requires(use) && await otp.InUseTokenAsync(c.Customer.Id, http.RequestAborted) is { } token ? otp.DigitsOf(token) : 0;

    private static IResult LoginPage(Html h, string? error, int status = 200, string? message = null)
    {
        var profile = h.Profile;
        var vipLinks = profile.Offers(TokenKind.Vip)
            ? $"""
                <h2>ワンタイムパスワードの利用登録・停止</h2>
                {(profile.Texts.PcLoginAsPictured ? $"<p>{Link("#otp-guide", "ワンタイムパスワードのご案内")}</p>" : "")}
                <p>{h.Nav("/vip/register", h.W("ワンタイムパスワードの利用登録はこちら"))}</p>
                <p>{h.Nav("/vip/stop", h.W("ワンタイムパスワードの利用停止はこちら"))}</p>
                """
            : "";
        var notes = profile.Texts.W("※半角英数字で入力してください。また大文字と小文字を区別しています。", "ログイン");
        var keyboard = profile.Texts.PcLoginAsPictured
            ? """<p><input type="checkbox" id="software-keyboard" name="softwareKeyboard"><label for="software-keyboard">ソフトウェアキーボード入力 (使用方法)</label> """
              + """<input type="checkbox" id="hardware-keyboard" name="hardwareKeyboard" checked><label for="hardware-keyboard">キーボードで入力する</label></p>"""
            : "";
        var close = profile.Texts.PcLoginAsPictured ? """<p><button type="button" onclick="window.close()">閉じる</button></p>""" : "";
        return h.Page("ログイン", (message is null ? "" : $"<p role=\"status\">{E(message)}</p>") + h.Form("/login",
            Field("loginId", profile.Texts.LoginIdLabel, extra: "autocomplete=\"username\"")
            + Password("password", "ログインパスワード") + keyboard
            + string.Concat(notes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => $"<p><small>{E(n)}</small></p>")),
            "ログイン") + close + vipLinks
            + (profile.Texts.SmartphoneLoginPage ? $"<p>{Link("/smartphone/login", "スマートフォンの方はこちら")}</p>" : ""),
            error: error, status: status);
    }

    /// <summary>The smartphone's login as the manual shows it: 契約者ID(利用者番号), ログインパスワード, 閉じる / ログイン, its notes and the
    /// 利用登録 / 利用停止 buttons. It logs in through the same /login as the PC's screen.</summary>
    private static IResult SmartphoneLoginPage(Html h, BankProfile profile) =>
        h.Page("ログイン",
            $"<p>{E(profile.Texts.LoginIdLabel)}、ログインパスワードを入力し、「ログイン」ボタンを押してください。</p>"
            + h.Form("/login",
                Field("loginId", profile.Texts.LoginIdLabel, extra: "autocomplete=\"username\"") + Password("password", "ログインパスワード")
                + "<p><small>※英字は大文字と小文字を区別しますので、ご注意ください。</small></p>"
                + "<p><small>※ブラウザの「戻る」ボタンは使用しないでください。</small></p>"
                + "<p><small>※ご利用のOSおよびブラウザや文字の大きさによっては、画面のレイアウトが若干崩れる場合がありますが、お取引には影響ありません。</small></p>"
                + "<p><small>※スマートフォンでは、ブラウザのログインパスワードを入力してください。</small></p>",
                "ログイン")
            + """<p><button type="button" onclick="window.close()">閉じる</button></p>"""
            + "<h2>ワンタイムパスワードの利用登録・停止</h2>"
            + "<p>ワンタイムパスワードの利用登録する場合は、「利用登録」ボタンを押してください。</p>" + NavButton("/smartphone/vip/register", "利用登録")
            + "<p>ワンタイムパスワードの利用停止する場合は、「利用停止」ボタンを押してください。</p>" + NavButton("/smartphone/vip/stop", "利用停止"));

    private static IResult NotOffered(Html h) =>
        h.Page("エラー", $"<p>{Link("/login", "ログイン画面へ戻る")}</p>", error: LoginOperations.MobileIbNotOffered.Message, status: 404);

    /// <summary>モバイルIB's own login (SKN-04): 契約者ID + ログインパスワード only; the session may only look.</summary>
    private static IResult MobileLoginPage(Html h, BankProfile profile, string? error, int status = 200) =>
        h.Page("モバイルIB ログイン",
            "<p>携帯電話（スマートフォン除く）のモバイルIBは、通常のID・パスワード方式でのログインとなります。</p>"
            + "<p>モバイルIBでは照会のみご利用いただけます。振込・振替、限度額変更、ワンタイムパスワードのお手続き等はパソコンまたはスマートフォンからご利用ください。</p>"
            + h.Form("/mobile/login",
                Field("loginId", profile.Texts.LoginIdLabel, extra: "autocomplete=\"username\"") + Password("password", "ログインパスワード"),
                "ログイン")
            + $"<p>{Link("/login", "パソコン・スマートフォンの方はこちら")}</p>", error: error, status: status);

    private static async Task<IResult> OtpLoginPage(Html h, BankProfile profile, OtpChecks otp, Sessions.Current c, string? error, int status = 200)
    {
        var token = await otp.InUseTokenAsync(c.Customer.Id, CancellationToken.None);
        var digits = token is null ? 6 : otp.DigitsOf(token);
        var label = token?.Kind == TokenKind.Vip ? h.W("セキュリティコード（ワンタイムパスワード）") : "ワンタイムパスワード";
        return h.Page("ワンタイムパスワード認証", $"<p>トークンに表示されている{E(label)}を入力してください。</p>"
            + h.Form("/login/otp", Otp("otp", label, digits), profile.Texts.LoginOtpButton), error: error, status: status);
    }

    private static IResult Bop001(Html h, BankProfile profile, TokenView status, string? error, int code = 200)
    {
        const string Here = "申請内容選択";
        var info = status.ServiceId is null ? "" : "<h2>トークン情報</h2>" + Table(("サービスID", status.ServiceId), ("ユーザID", status.UserId));
        var notes = profile.Texts.ApplicationNotes.Count == 0 ? ""
            : "<h2>注意事項</h2>\n" + string.Concat(profile.Texts.ApplicationNotes.Select(n => $"<p>{E(n)}</p>\n"));
        return h.Page(profile.Texts.OtpApplicationTitle, $"""
            <p>ワンタイムパスワードの登録情報を表示します。<br>登録情報の変更を行う場合は変更対象ボタンを押して下さい。</p>
            <h2>ワンタイムパスワード登録状況</h2>
            {Table((h.W("登録状況", Here), status.Status))}
            {info}
            {notes}
            <nav><ul><li>{Link("/otp/issue", "トークン発行")}</li><li>{Link("/otp/activate", "ワンタイムパスワード利用開始")}</li><li>{Link("/otp/deactivate", "ワンタイムパスワード利用解除")}</li></ul></nav>
            <p>{Link("/menu", "トップページへ")}</p>
            """, "BOP001", error, code);
    }

    private const string SoftInputTitle = "トークン発行（ソフトウェアトークン発行情報入力）";

    /// <summary>An input's problem on the soft token's 発行情報入力 (shared by the input screen and kyoei's one トークン発行 screen).</summary>
    private static Problem? SoftInputProblem(IFormCollection form, BankProfile profile)
    {
        var mail = F(form, "mailAddress");
        var activation = F(form, "activationPassword");
        var bad = Input.First(Input.MailAddress(mail, "携帯電話メールアドレス"), Input.Digits(activation, "利用開始パスワード", profile.Otp.ActivationPasswordMinDigits, profile.Otp.ActivationPasswordMaxDigits));
        if (bad is null && mail != F(form, "mailAddressConfirm"))
        {
            bad = Problem.BadInput("携帯電話メールアドレスと携帯電話メールアドレス（確認用）が一致しません。");
        }
        if (bad is null && activation != F(form, "activationPasswordConfirm"))
        {
            bad = Problem.BadInput("利用開始パスワードと利用開始パスワード（確認用）が一致しません。");
        }
        return bad;
    }

    /// <summary>発行情報入力: mail address and 利用開始パスワード, then 次へ; where the manual has one トークン発行 screen (kyoei), the
    /// 確認用パスワード too, and the screen's button issues the token.</summary>
    private static IResult SoftInput(Html h, BankProfile profile, string? error, int status = 200)
    {
        var oneScreen = profile.Texts.SoftIssueOnOneScreen;
        var title = h.W(SoftInputTitle);
        var confirmation = oneScreen
            ? "<h2>確認用パスワードの入力</h2>" + Password("confirmationPassword", "確認用パスワード", "【必須】（半角英数字6～12桁）")
            : "";
        var button = oneScreen ? h.W("確定する", SoftInputTitle) : "次へ";
        return h.Page(title,
            $"<p>{E(h.W("ソフトウェアトークンを発行します。", SoftInputTitle))}<br>{E(h.W("送付先メールアドレス、利用開始パスワードを入力し「次へ」ボタンを押して下さい。", SoftInputTitle))}</p>"
            + h.Form(oneScreen ? "/otp/soft/issue" : "/otp/soft/confirm",
                "<h2>送付先メールアドレスの指定</h2><p>トークンを発行する携帯電話のメールアドレスを入力して下さい。</p>"
                + Field("mailAddress", h.W("携帯電話メールアドレス", SoftInputTitle), "email", hint: "【必須】（半角英数字記号）", extra: "autocomplete=\"email\"")
                + Field("mailAddressConfirm", h.W("携帯電話メールアドレス（確認用）", SoftInputTitle), "email", hint: "【必須】確認のため2回入力して下さい")
                + $"<h2>利用開始パスワードの指定</h2><p>{E(h.W("トークン発行時に必要となる利用開始パスワードを4～8桁の数字で登録して下さい。", SoftInputTitle))}</p>"
                + "<p>利用開始パスワードは、お控えいただくかお忘れにならないようご注意ください。</p>"
                + Field("activationPassword", "利用開始パスワード", "password", hint: "【必須】", extra: "inputmode=\"numeric\" autocomplete=\"off\"") + h.KeyboardLink()
                + Field("activationPasswordConfirm", h.W("利用開始パスワード（確認用）", SoftInputTitle), "password", hint: "【必須】確認のため2回入力して下さい", extra: "inputmode=\"numeric\" autocomplete=\"off\"") + h.KeyboardLink()
                + confirmation,
                button)
            + $"<p>{Link("/otp", "戻る")}</p>", error: error, status: status, crumbs: h.Crumbs("softIssue", "ソフトウェアトークン発行情報入力"));
    }

    private static IResult SoftConfirm(Html h, string mailAddress, string mailPasswordPart, string? error) =>
        h.Page("トークン発行（ソフトウェアトークン発行情報入力内容確認）",
            $"<p>{E(h.W("確認用パスワード・メール通知パスワードを入力し、「確定する」ボタンを押して下さい。"))}</p>"
            + "<h2>送付先メールアドレス</h2>" + Table(("携帯電話メールアドレス", mailAddress))
            + h.Form("/otp/soft/issue",
                mailPasswordPart
                + "<h2>確認用パスワードの入力</h2>" + Password("confirmationPassword", "確認用パスワード", "【必須】（半角英数字6～12桁）") + h.KeyboardLink(),
                "確定する")
            + NavButton("/otp", "申込を中止する")
            + $"<p>{Link("/otp/soft", "戻る")}</p>", error: error,
            crumbs: h.Crumbs("softIssue", "ソフトウェアトークン発行情報入力内容確認"));

    private static IResult HardConfirm(Html h, TokenView status, OtpChecks otp, string? error, int code = 200)
    {
        var reissue = status.Kind == nameof(TokenKind.Hard) && status.State == nameof(TokenState.Active);
        return h.Page("トークン発行（ハードウェアトークン発行確認）",
            "<h2>注意事項</h2><p>※ハードウェアトークンの有効期限到来により、トークンを再発行する際はワンタイムパスワードの入力が求められます。(再発行は有効期限の90日前より可能)</p>"
            + "<p>※お申込完了後、ご郵送いたします。</p>"
            + h.Form("/otp/hard",
                Password("confirmationPassword", "確認用パスワード", "【必須】（半角英数字6～12桁）")
                + (reissue ? Otp("otp", "ワンタイムパスワード", 6) : ""),
                "トークンを発行する")
            + $"<p>{Link("/otp/issue", "戻る")}</p>", error: error, status: code);
    }

    /// <summary>BOK501 asks the シリアル番号: for an issued keyfob, and where the bank knows no token to start but offers keyfobs, since
    /// then only a keyfob in the customer's hands could be meant (a deactivated one is refused by its serial, AOM-17).</summary>
    private static bool ShowsKeyfobActivation(BankProfile profile, TokenView status) =>
        status.Kind == nameof(TokenKind.Hard) || (status.Kind is null && profile.Offers(TokenKind.Hard));

    private static IResult ActivatePage(Html h, BankProfile profile, TokenView status, string? error, int code = 200)
    {
        if (ShowsKeyfobActivation(profile, status))
        {
            return h.Page(h.W("ワンタイムパスワード利用開始（ハードウェアトークン確認）"),
                $"<p>トークンに記載されているシリアル番号とワンタイムパスワードを入力し、「{E(profile.Texts.ActivateButton)}」ボタンを押して下さい。</p>"
                + h.Form("/otp/activate",
                    "<h2>シリアル番号の入力</h2>" + Field("serialNo", "シリアル番号", hint: "【必須】（半角数字8～12桁）", extra: "inputmode=\"numeric\" maxlength=\"12\"")
                    + "<h2>ワンタイムパスワードの入力</h2>" + Otp("otp", "ワンタイムパスワード", profile.ParametersFor(TokenKind.Hard).Digits),
                    profile.Texts.ActivateButton)
                + NavButton("/otp", "戻る") + NavButton("/otp", "申込を中止する"), "BOK501", error, code,
                h.Crumbs("activateHard", "ハードウェアトークン確認"));
        }
        var digits = profile.Offers(TokenKind.Soft) ? profile.ParametersFor(TokenKind.Soft).Digits : 6;
        return h.Page(h.W("ワンタイムパスワード利用開始（ソフトウェアトークン確認）"),
            $"<p>ワンタイムパスワードを入力し、「{E(profile.Texts.ActivateButton)}」ボタンを押して下さい。</p>"
            + h.Form("/otp/activate", "<h2>ワンタイムパスワードの入力</h2>" + Otp("otp", "ワンタイムパスワード", digits), profile.Texts.ActivateButton)
            + NavButton("/otp", "申込を中止する")
            + $"<p>{Link("/otp", "戻る")}</p>", error: error, status: code, crumbs: h.Crumbs("activateSoft", "ソフトウェアトークン確認"));
    }

    private static IResult DeactivatePage(Html h, BankProfile profile, Token? token, OtpChecks otp, string? error, int code = 200) =>
        h.Page(h.W("ワンタイムパスワード利用解除（利用解除確認）"),
            $"<p>{(profile.Otp.DeactivateNeedsOtp ? "確認用パスワード・ワンタイムパスワード" : "確認用パスワード")}を入力し、「{E(profile.Texts.DeactivateButton)}」ボタンを押して下さい。</p>"
            + h.Form("/otp/deactivate",
                "<h2>確認用パスワードの入力</h2>" + Password("confirmationPassword", "確認用パスワード", "【必須】（半角英数字6～12桁）") + h.KeyboardLink()
                + (profile.Otp.DeactivateNeedsOtp && token is not null ? "<h2>ワンタイムパスワードの入力</h2>" + Otp("otp", "ワンタイムパスワード", otp.DigitsOf(token)) : ""),
                profile.Texts.DeactivateButton)
            + NavButton("/otp", "申込を中止する")
            + $"<p>{Link("/otp", "戻る")}</p>", "BOS001", error, code, h.Crumbs("deactivate", "利用解除確認"));

    /// <summary>The entrance a VIP flow started from: the smartphone login (a bank that shows one), else the PC login.</summary>
    private const string Smartphone = "smartphone";

    private static string? ViaOf(IFormCollection form, BankProfile profile) =>
        profile.Texts.SmartphoneLoginPage && F(form, "via") == Smartphone ? Smartphone : null;

    private static string EntranceOf(string? via) => via == Smartphone ? "/smartphone/login" : "/login";

    private static string ViaField(string? via) => via is null ? "" : Hidden("via", via);

    private static IResult VipAuthPage(Html h, string path, string title, string? error, int status = 200, string? via = null)
    {
        var what = path == "/vip/register" ? "利用登録" : "利用停止";
        return h.Page(title,
            "<p><strong>利用者認証</strong> &gt;&gt; ワンタイムパスワード登録情報入力 &gt;&gt; 処理結果</p>"
            + (path == "/vip/register" ? VipHelp(h) : "")
            + $"<h2>{E(what)}</h2>"
            + $"<p>ワンタイムパスワードの{E(what)}を行います。<br>契約者ID、ログインパスワードを入力し、「次へ」ボタンを押してください。</p>"
            + h.Form(path, Field("loginId", h.W("契約者ID", "利用者認証"), extra: "autocomplete=\"username\"") + Password("password", "ログインパスワード") + ViaField(via), "次へ")
            + NavButton(EntranceOf(via), "戻る"), error: error, status: status);
    }

    /// <summary>The help links the manual pictures on the 利用登録 screens (shinkin), else nothing.</summary>
    private static string VipHelp(Html h) => h.Profile.Texts.PcLoginAsPictured
        ? $"<p>{Link("#help", "ヘルプ")} {Link("#guide", "このページのご利用ガイド")}</p>"
        : "";

    private static IResult VipTokenPage(Html h, BankProfile profile, string? error, int status = 200, string? via = null) =>
        h.Page("ワンタイムパスワード利用登録",
            "<p>利用者認証 &gt;&gt; <strong>ワンタイムパスワード登録情報入力</strong> &gt;&gt; 処理結果</p>"
            + VipHelp(h)
            + "<h2>ご利用を開始するワンタイムパスワードの利用登録</h2>"
            + "<p>ご利用を開始するワンタイムパスワードの利用登録を行います。<br>トークンID、ワンタイムパスワードを入力し、「登録」ボタンを押してください。</p>"
            + h.Form("/vip/register/token",
                Field("credentialId", "トークンID", hint: "（Credential ID）", extra: "maxlength=\"12\"")
                + Otp("otp", "ワンタイムパスワード", profile.ParametersFor(TokenKind.Vip).Digits)
                + "<p><small>トークンに表示されている数字を入力してください。(30秒毎に数字が変更されます。)</small></p>" + ViaField(via),
                "登録")
            + NavButton(EntranceOf(via), "中止"), error: error, status: status);

    private static IResult VipStopPage(Html h, BankProfile profile, string? error, int status = 200, string? via = null)
    {
        var label = h.W("セキュリティコード（ワンタイムパスワード）");
        return h.Page("ワンタイムパスワード利用停止",
            $"<p>ソフトウェアトークンに表示された{E(label)}を入力し、「停止」ボタンを押してください。</p>"
            + "<p><small>※ソフトウェアトークンのワンタイムパスワードは30秒毎に切り替わります。一定時間操作しないと表示が消える仕組みとなっていますので、ソフトウェアトークンのボタンを押して表示させてください。</small></p>"
            + h.Form("/vip/stop/code", Otp("otp", label, profile.ParametersFor(TokenKind.Vip).Digits) + ViaField(via), "停止")
            + NavButton(EntranceOf(via), "戻る"), error: error, status: status);
    }

    private static IResult MailPasswordInput(Html h, BankProfile profile, Customer customer, string? error, int status = 200)
    {
        var on = customer.MailPassword == MailPasswordSetting.On;
        var button = profile.Texts.MailPasswordNextButton;
        return h.Page(h.W("メール通知パスワード利用変更（変更内容入力）"), h.Form("/settings/mail-password", $"""
            <fieldset><legend>{E(h.W("メール通知パスワード利用登録状況"))}</legend>
            <input type="radio" id="use-on" name="use" value="on"{(on ? " checked" : "")}><label for="use-on">利用する</label>
            <input type="radio" id="use-off" name="use" value="off"{(on ? "" : " checked")}><label for="use-off">利用しない</label>
            </fieldset>
            <p>送信先メールアドレス：{E(customer.Email)}</p>
            """, button) + $"<p>{Link("/menu", "トップページへ")}</p>", error: error, status: status);
    }
    private static IResult MailPasswordConfirm(Html h, string? message, string? error, int status = 200) =>
        h.Page("メール通知パスワード利用変更（変更内容確認）", (message is null ? "" : $"<p>{E(message)}</p>")
            + h.Form("/settings/mail-password/confirm",
                Password("confirmationPassword", "確認用パスワード", "（半角英数字6～12桁）") + Password("mailPassword", "メール通知パスワード", "（半角数字）"),
                "変更を確定する"), error: error, status: status);

    private static IResult TransferChoice(Html h, Menu menu, string? error, int status = 200)
    {
        var payees = menu.Payees.Count == 0
            ? "<p>登録されている振込先はありません。</p>"
            : string.Concat(menu.Payees.Select(p =>
                $"""<p><input type="radio" id="payee-{p.Id}" name="payee" value="{p.Id}"><label for="payee-{p.Id}">{E(p.BankName)} {E(p.BranchName)} {E(p.AccountNo)} {E(p.AccountName)}{(p.Kind == nameof(PayeeKind.RegisteredInAdvance) ? "（事前に届出のある振込先）" : "")}</label></p>"""));
        return h.Page("振込・振替", "<h2>振込・振替先一覧(利用者登録)</h2>" + h.Form("/transfers/next", payees, "次へ")
            + h.Form("/transfers/next", "", "他口座への振込・振替")
            + $"<p>{Link("/menu", "トップページへ")}</p>", error: error, status: status);
    }

    private static IResult TransferInput(Html h, int? payeeId, Prepared prepared, int otpDigits, string? error, int status = 200)
    {
        var payee = payeeId is { } id
            ? Hidden("payeeId", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Field("bankName", "金融機関名") + Field("branchName", "支店名") + Field("accountNo", "口座番号", hint: "（半角数字7桁）", extra: "inputmode=\"numeric\"")
                + Field("accountName", "受取人名");
        var mail = prepared.MailPasswordRequired
            ? (prepared.SentAt is { } at ? $"<p>メール通知パスワードを {E(at.ToString("yyyy年MM月dd日 HH時mm分ss秒", System.Globalization.CultureInfo.InvariantCulture))} に {E(prepared.SentTo)} へ送信しました。</p>" : "")
                + Password("mailPassword", "メール通知パスワード", "（半角数字）")
            : "";
        var code = prepared.OtpRequired && otpDigits > 0 ? Otp("otp", "ワンタイムパスワード", otpDigits) : "";
        return h.Page("振込・振替", h.Form("/transfers",
            payee + Field("amountYen", "振込金額", hint: "（半角数字・円）", extra: "inputmode=\"numeric\"")
            + Password("confirmationPassword", "確認用パスワード", "（半角英数字6～12桁）") + mail + code,
            "実行") + $"<p>{Link("/transfers", "戻る")}</p>", error: error, status: status);
    }

    private static IResult LimitPage(Html h, Menu menu, int otpDigits, string? error, int status = 200) =>
        h.Page("振込・振替限度額変更", Table(("現在の振込限度額", Yen(menu.TransferLimitYen)))
            + h.Form("/limit",
                Field("limitYen", "変更後の振込限度額", hint: "（半角数字・円）", extra: "inputmode=\"numeric\"")
                + Password("confirmationPassword", "確認用パスワード", "（半角英数字6～12桁）")
                + (otpDigits > 0 ? Otp("otp", "ワンタイムパスワード", otpDigits) : ""),
                "変更する") + $"<p>{Link("/menu", "トップページへ")}</p>", error: error, status: status);
}

using System.Diagnostics;
using System.Xml.Linq;
using NUnit.Framework;

namespace Harness.Mutants.Tests;

/// <summary>Each broken variant of the bank must make exactly the scenarios of its rule fail (API channel, to keep it quick).</summary>
[NonParallelizable]
[Category("mutants")]
public sealed class MutantTests
{
    private const string Lock = "ワンタイムパスワードを連続して間違えたときの停止 / ";
    private const string Replay = "一度使ったワンタイムパスワードと時計のずれ / 一度受け付けられたワンタイムパスワードは二度と使えない ";
    private const string Faults = "依存先の障害 (トークンベンダー, メールサーバー, データベース, 銀行の再起動) / ";
    private const string Vendor = Faults + "トークンベンダーの障害中の正しいワンタイムパスワードは、誤りに数えずに断られる ";
    private const string Reset = "正しいワンタイムパスワードで誤りの回数は数え直しになる / 停止の一歩手前で正しく入れた後は、また一歩手前まで間違えても止まらない ";
    private const string Older = "受け付けられたワンタイムパスワードより前のワンタイムパスワード / 進んだ時計のワンタイムパスワードでログインした後は、時計を合わせて表示された前のワンタイムパスワードは使えない ";
    private const string Audit = "強制ログアウトの監査ログ / メール通知パスワードの誤りによる強制ログアウトが、時刻・実施者・結果とともに記録される ";
    private const string Skew = "一度使ったワンタイムパスワードと時計のずれ / 時計の進みが台帳の許容する後ステップ数ちょうどなら受け付け、一ステップ多ければ拒否する ";
    private const string SkewBack = "一度使ったワンタイムパスワードと時計のずれ / 時計の遅れが台帳の許容する前ステップ数ちょうどなら受け付け、一ステップ多ければ拒否する ";
    private const string Outside = ": より一ステップ多く, 台帳の数の外のワンタイムパスワードとして断られる]";
    private const string Expiry = "ソフトウェアトークンの有効期限 / 有効期限の最後の日まではログインでき、日付が変わればトークン有効期限切れの案内で断られる ";

    [Test]
    public async Task A_bank_that_locks_at_11_is_caught_by_the_lock_scenarios() =>
        Assert.That(await FailuresUnderAsync("lock-at-11", "TestCategory=req:X-04"), Is.EquivalentTo(new[]
        {
            Lock + "停止の回数だけ間違えると正しいワンタイムパスワードでもログインできない [VIP Access の信用金庫 (API): 10]",
            Lock + "停止の回数だけ間違えると正しいワンタイムパスワードでもログインできない [小松川信用金庫 (API): 10]",
            Lock + "停止の回数だけ間違えると正しいワンタイムパスワードでもログインできない [秋田県信用組合 (API): 10]",
            Lock + "停止の回数だけ間違えると正しいワンタイムパスワードでもログインできない [青森県信用組合 (API): 10]",
            Lock + "停止の回数だけ間違えると正しいワンタイムパスワードでもログインできない [協栄信用組合 (API): 10]",
            Lock + "停止は銀行が所定の方法で解除すると再び使える [VIP Access の信用金庫 (API): -]",
            Lock + "停止は銀行が所定の方法で解除すると再び使える [小松川信用金庫 (API): -]",
            Lock + "停止は銀行が所定の方法で解除すると再び使える [青森県信用組合 (API): -]",
            Lock + "停止は銀行が所定の方法で解除すると再び使える [協栄信用組合 (API): -]",
        }));

    [Test]
    public async Task A_bank_that_locks_at_9_is_caught_by_the_scenarios_one_short_of_the_lock() =>
        Assert.That(await FailuresUnderAsync("lock-at-9", "TestCategory=req:X-04"), Is.EquivalentTo(new[]
        {
            Lock + "停止の一歩手前で正しいワンタイムパスワードを入れればログインできる [VIP Access の信用金庫 (API): 9]",
            Lock + "停止の一歩手前で正しいワンタイムパスワードを入れればログインできる [小松川信用金庫 (API): 9]",
            Lock + "停止の一歩手前で正しいワンタイムパスワードを入れればログインできる [秋田県信用組合 (API): 9]",
            Lock + "停止の一歩手前で正しいワンタイムパスワードを入れればログインできる [青森県信用組合 (API): 9]",
            Lock + "停止の一歩手前で正しいワンタイムパスワードを入れればログインできる [協栄信用組合 (API): 9]",
            Reset + "[VIP Access の信用金庫 (API): 9]",
            Reset + "[小松川信用金庫 (API): 9]",
            Reset + "[秋田県信用組合 (API): 9]",
            Reset + "[青森県信用組合 (API): 9]",
            Reset + "[協栄信用組合 (API): 9]",
        }));

    [Test]
    public async Task A_bank_that_logs_out_at_the_sixth_wrong_mail_password_is_caught() =>
        Assert.That(await FailuresUnderAsync("mail-logout-at-6", "TestCategory=req:AKT-11"), Is.EquivalentTo(new[]
        {
            "メール通知パスワードの誤入力 / 5 回目の誤りで強制ログアウトされる [秋田県信用組合 (API): 5]",
            "メール通知パスワードの有効期間 / 控えたメール通知パスワードがあっても規定回数の誤りで強制ログアウトされ、再ログイン後は控えたもので振り込めない [秋田県信用組合 (API): 10000, 5, 5000000]",
            "メール通知パスワードの有効期間 / 強制ログアウトの後に控えたメール通知パスワードで振り込もうとしても受け付けられない [秋田県信用組合 (API): 10000, 5, 5000000]",
            Audit + "[秋田県信用組合 (API): 5]",
        }));

    /// <summary>One wrong entry early: every scenario that types wrong mail passwords up to the ledger's 強制ログアウト回数 (or one
    /// fewer and stays in) fails, at each bank with mail passwords (aomori's at the soft token's confirmation).</summary>
    [Test]
    public async Task A_bank_that_logs_out_at_the_fourth_wrong_mail_password_is_caught() =>
        Assert.That(await FailuresUnderAsync("mail-logout-at-4", "(TestCategory=req:AKT-11|TestCategory=req:KYO-10|TestCategory=req:AOM-08)"), Is.EquivalentTo(new[]
        {
            "ソフトウェアトークンの発行・初期設定・利用開始 (青森県信用組合) / 確認画面でメール通知パスワードを規定回数続けて誤ると強制ログアウトされ、トークンは発行されない",
            "メール通知パスワードの有効期間 / 強制ログアウトの後に控えたメール通知パスワードで振り込もうとしても受け付けられない [協栄信用組合 (API、5回は仮定): 10000, 5, 5000000]",
            "メール通知パスワードの有効期間 / 強制ログアウトの後に控えたメール通知パスワードで振り込もうとしても受け付けられない [秋田県信用組合 (API): 10000, 5, 5000000]",
            "メール通知パスワードの有効期間 / 控えたメール通知パスワードがあっても規定回数の誤りで強制ログアウトされ、再ログイン後は控えたもので振り込めない [協栄信用組合 (API、5回は仮定): 10000, 5, 5000000]",
            "メール通知パスワードの有効期間 / 控えたメール通知パスワードがあっても規定回数の誤りで強制ログアウトされ、再ログイン後は控えたもので振り込めない [秋田県信用組合 (API): 10000, 5, 5000000]",
            "メール通知パスワードの誤入力 / 4 回間違えてもログインしたままである [秋田県信用組合 (API): 4]",
            "メール通知パスワードの誤入力 / 5 回目の誤りで強制ログアウトされる [秋田県信用組合 (API): 5]",
            Audit + "[協栄信用組合 (API): 5]",
            Audit + "[秋田県信用組合 (API): 5]",
        }));

    /// <summary>A code-level mutant only the screens can see: the API's outage answer never had a link. The two @ui examples
    /// of the outage page's way back fail; the other screens of X-08 never reach the database outage page.</summary>
    [Test]
    public async Task A_bank_whose_outage_page_has_no_way_back_is_caught_on_the_screens() =>
        Assert.That(await FailuresUnderAsync("outage-page-without-way-back", "TestCategory=req:X-08&TestCategory=ui&(TestCategory=bank:aomori|TestCategory=bank:komatsugawa)", screens: true), Is.EquivalentTo(new[]
        {
            Faults + "データベースが止まっている間の画面は断りの案内とログイン画面へ戻るリンクを示す [青森県信用組合 (画面): -]",
            Faults + "データベースが止まっている間の画面は断りの案内とログイン画面へ戻るリンクを示す [小松川信用金庫 (画面): -]",
        }));

    /// <summary>Only the scenarios that offer the old password after the next login without a new one being sent can see it:
    /// any new mail password replaces the old one, mutant or not.</summary>
    [Test]
    public async Task A_bank_whose_mail_password_survives_logout_is_caught() =>
        Assert.That(await FailuresUnderAsync("mail-password-survives-logout", "(TestCategory=req:AKT-10|TestCategory=req:AKT-11|TestCategory=req:KYO-10|TestCategory=req:KYO-12)"), Is.EquivalentTo(new[]
        {
            "メール通知パスワードの有効期間 / ログアウトの後は、ログアウト前に届いたメール通知パスワードで振り込めない [協栄信用組合 (API): 10000]",
            "メール通知パスワードの有効期間 / ログアウトの後は、ログアウト前に届いたメール通知パスワードで振り込めない [秋田県信用組合 (API): 10000]",
        }));

    [Test]
    public async Task A_bank_that_keeps_the_limit_after_deactivation_is_caught() =>
        Assert.That(await FailuresUnderAsync("limit-not-reset", "TestCategory=req:AOM-19"), Is.EquivalentTo(new[]
        {
            "ワンタイムパスワードの利用解除と振込限度額 / 利用解除の後、振込限度額は 200,000 円になる [API: -]",
            "ワンタイムパスワードの利用解除と振込限度額 / 利用開始の後、振込・振替限度額変更により限度額を変更できる [API: 1000000]",
        }));

    /// <summary>Profile mutants of the numbers the ledger gives (数.*): each is caught by the scenario that computes the boundary
    /// from the ledger (features/common/入力の桁数の境目.feature) and, where one exists, the scenario that writes the number itself.</summary>
    [Test]
    public async Task A_bank_that_accepts_a_9_digit_activation_password_is_caught() =>
        Assert.That(await FailuresUnderAsync("activation-password-9-digits", "(TestCategory=req:AKT-04|TestCategory=req:KYO-04)"), Is.EquivalentTo(new[]
        {
            Boundary + "秋田の利用開始パスワードは台帳の桁数の範囲でだけ受け付ける [秋田県信用組合 (API): 最小桁数より1桁少ない]",
            Boundary + "秋田の利用開始パスワードは台帳の桁数の範囲でだけ受け付ける [秋田県信用組合 (API): 最大桁数より1桁多い]",
            Boundary + "利用開始パスワードは台帳の桁数の範囲でだけ受け付ける [協栄信用組合 (API): 最小桁数より1桁少ない]",
            Boundary + "利用開始パスワードは台帳の桁数の範囲でだけ受け付ける [協栄信用組合 (API): 最大桁数より1桁多い]",
        }));

    [Test]
    public async Task A_bank_that_accepts_a_13_digit_serial_number_is_caught() =>
        Assert.That(await FailuresUnderAsync("serial-13-digits", "TestCategory=req:AOM-14"), Is.EquivalentTo(new[]
        {
            Boundary + "青森のシリアル番号は台帳の桁数の範囲でだけ受け付ける (OTP利用開始登録（ハードウェアトークン）) [青森県信用組合 (API): 最小桁数より1桁少ない, 最小桁数]",
            Boundary + "青森のシリアル番号は台帳の桁数の範囲でだけ受け付ける (OTP利用開始登録（ハードウェアトークン）) [青森県信用組合 (API): 最大桁数より1桁多い, 最大桁数]",
        }));

    [Test]
    public async Task A_bank_that_resets_the_limit_to_100000_after_deactivation_is_caught() =>
        Assert.That(await FailuresUnderAsync("limit-after-deactivation-100000", "TestCategory=req:AOM-19"), Is.EquivalentTo(new[]
        {
            "ワンタイムパスワードの利用解除と振込限度額 / 利用解除の後、振込限度額は 200,000 円になる [API: -]",
            "ワンタイムパスワードの利用解除と振込限度額 / 利用開始の後、振込・振替限度額変更により限度額を変更できる [API: 1000000]",
        }));

    [Test]
    public async Task A_bank_that_reissues_a_keyfob_91_days_before_expiry_is_caught() =>
        Assert.That(await FailuresUnderAsync("keyfob-reissue-91-days", "TestCategory=req:AOM-13"), Is.EquivalentTo(new[]
        {
            Boundary + "青森のハードウェアトークンの再発行は、台帳の再発行可能日数より前には受け付けず、その日数前からは受け付ける",
            "ハードウェアトークンの発行・利用開始・再発行・利用解除 (青森県信用組合) / 有効期限の91日前には再発行を申し込めない",
        }));

    private const string Boundary = "入力の桁数の境目と、マニュアルの数 / ";

    /// <summary>A code-level mutant (Mutants.InCode): the bank's code check lets a code it accepted once in again, for the
    /// bank's own tokens and VIP Access alike. Only the replay scenarios fail; the other X-02 scenarios never reuse a code.</summary>
    [Test]
    public async Task A_bank_that_accepts_a_reused_code_is_caught_by_the_replay_scenarios() =>
        Assert.That(await FailuresUnderAsync("reused-code-accepted", "TestCategory=req:X-02"), Is.EquivalentTo(new[]
        {
            Replay + "[VIP Access の信用金庫 (API): -]",
            Replay + "[協栄信用組合 (API): -]",
            Replay + "[小松川信用金庫 (API): -]",
            Replay + "[秋田県信用組合 (API): -]",
            Replay + "[青森県信用組合 (API): -]",
        }));

    [Test]
    public async Task A_bank_that_lets_a_corporate_customer_register_the_desktop_app_is_caught() =>
        Assert.That(await FailuresUnderAsync("corporate-desktop-allowed", "TestCategory=req:KMG-01"), Is.EquivalentTo(new[]
        {
            "小松川信用金庫のソフトウェアトークン (VIP Access) の利用登録・ログイン・利用停止 / 法人のお客様がパソコン版の VIP Access を利用登録しようとすると断られ、何も登録されない [API: -]",
        }));

    [Test]
    public async Task A_bank_that_lets_a_second_device_replace_the_first_is_caught() =>
        Assert.That(await FailuresUnderAsync("vip-second-device-allowed", "TestCategory=req:SKN-02"), Is.EquivalentTo(new[]
        {
            "VIP Access の信用金庫のワンタイムパスワード利用登録・利用停止・端末変更 / 利用中のお客様が別の端末の VIP Access を利用登録しようとすると断られ、今のトークンのまま [API: -]",
            "VIP Access の信用金庫のワンタイムパスワード利用登録・利用停止・端末変更 / 同時に利用できる端末数を超える端末の VIP Access は利用登録できず、使える端末はその数のまま [API: -]",
        }));

    /// <summary>A code-level mutant: the bank forgets a soft token's 有効期限, so the code read at the end of the last valid day
    /// and typed after midnight is let in (akita, aomori) or refused as a wrong code instead of as expired (kyoei, no step back).
    /// The VIP banks' tokens have no bank 有効期限.</summary>
    [Test]
    public async Task A_bank_that_accepts_an_expired_token_is_caught() =>
        Assert.That(await FailuresUnderAsync("expired-token-accepted", "(TestCategory=req:AOM-10|TestCategory=req:AKT-02|TestCategory=req:KYO-03)"), Is.EquivalentTo(new[]
        {
            Expiry + "[協栄信用組合 (API): -]",
            Expiry + "[秋田県信用組合 (API): -]",
            Expiry + "[青森県信用組合 (API): -]",
        }));

    /// <summary>Only the bank's own tokens change: a VIP Access code's window is the vendor's (the bank never holds the seed),
    /// so the VIP bank's scenario rightly still passes.</summary>
    [Test]
    public async Task A_bank_that_accepts_two_steps_ahead_is_caught_at_the_window_edge() =>
        Assert.That(await FailuresUnderAsync("window-two-steps-ahead", "TestCategory=req:X-03"), Is.EquivalentTo(new[]
        {
            Skew + "[青森県信用組合 (API)" + Outside,
            Skew + "[協栄信用組合 (API)" + Outside,
            Skew + "[秋田県信用組合 (API)" + Outside,
        }));

    /// <summary>The backward edge: a bank that takes codes two steps old. kyoei allows no step back at all, so its one-step-old
    /// code is caught too, and so is its code used the ledger's 無効になるまでの分 after it appeared; the VIP banks' window is the
    /// vendor's and rightly still holds.</summary>
    [Test]
    public async Task A_bank_that_accepts_two_steps_back_is_caught_at_the_window_edge() =>
        Assert.That(await FailuresUnderAsync("window-two-steps-back", "TestCategory=req:X-03"), Is.EquivalentTo(new[]
        {
            SkewBack + "[青森県信用組合 (API)" + Outside,
            SkewBack + "[協栄信用組合 (API)" + Outside,
            SkewBack + "[秋田県信用組合 (API)" + Outside,
            "一度使ったワンタイムパスワードと時計のずれ / 表示されてから無効になるまでの分が経ったワンタイムパスワードは使えない [協栄信用組合 (API): ちょうど, 台帳の数の外のワンタイムパスワードとして断られる]",
        }));

    /// <summary>A code-level mutant (a replaced bank service): the bank puts a deactivated keyfob back when its serial is typed again.</summary>
    [Test]
    public async Task A_bank_that_accepts_a_deactivated_keyfob_again_is_caught() =>
        Assert.That(await FailuresUnderAsync("keyfob-reused", "TestCategory=req:AOM-17"), Is.EquivalentTo(new[]
        {
            "ハードウェアトークンの発行・利用開始・再発行・利用解除 (青森県信用組合) / 利用解除したハードウェアトークンでは利用開始できず、新たなトークン発行から始める [API: -]",
        }));

    /// <summary>A code-level mutant: a vendor that cannot answer makes the bank count the code as wrong. Only the vendor outage
    /// scenarios of X-08 fail; the mail and database outages never reach the vendor.</summary>
    [Test]
    public async Task A_bank_that_counts_a_vendor_outage_as_a_wrong_code_is_caught_by_the_fault_scenarios() =>
        Assert.That(await FailuresUnderAsync("vendor-outage-counted", "TestCategory=req:X-08"), Is.EquivalentTo(new[]
        {
            Vendor + "[VIP Access の信用金庫 (API): HTTP 500 を返す]",
            Vendor + "[VIP Access の信用金庫 (API): 壊れた応答を返す]",
            Vendor + "[VIP Access の信用金庫 (API): 銀行の待ち時間を過ぎても答えない]",
            Vendor + "[小松川信用金庫 (API): HTTP 500 を返す]",
            Vendor + "[小松川信用金庫 (API): 壊れた応答を返す]",
            Vendor + "[小松川信用金庫 (API): 銀行の待ち時間を過ぎても答えない]",
        }));

    /// <summary>A code-level mutant: the bank takes a mail the server refused as sent. The mail outage scenarios of X-08 fail;
    /// every other fault scenario's mail goes out, so the lie changes nothing there.</summary>
    [Test]
    public async Task A_bank_that_ignores_a_refused_mail_is_caught_by_the_mail_outage_scenarios() =>
        Assert.That(await FailuresUnderAsync("mail-failure-ignored", "TestCategory=req:X-08"), Is.EquivalentTo(new[]
        {
            Faults + "メール通知パスワードを送れないときは他口座への振込に進めず、復旧後に届いたパスワードで振り込める [協栄信用組合 (API): -]",
            Faults + "メール通知パスワードを送れないときは他口座への振込に進めず、復旧後に届いたパスワードで振り込める [秋田県信用組合 (API): -]",
            Faults + "トークン発行のご案内を送れないときはトークンを発行せず、復旧後に申し込み直せる [協栄信用組合 (API): -]",
            Faults + "発行の確認に要るメール通知パスワードを送れないときはトークンを発行せず、復旧後に申し込み直せる [青森県信用組合 (API): -]",
        }));

    /// <summary>A code-level mutant: a correct code leaves the count of wrong codes where it was (counted in total, not
    /// consecutively). Only the scenario that goes one short of the lock twice, with a correct code between, can see it; the
    /// other X-04 scenarios go one short of the lock once, or lock, or unlock at the 窓口 (which does reset the count).</summary>
    [Test]
    public async Task A_bank_that_does_not_reset_the_count_on_a_correct_code_is_caught() =>
        Assert.That(await FailuresUnderAsync("fail-count-not-reset", "TestCategory=req:X-04"), Is.EquivalentTo(new[]
        {
            Reset + "[VIP Access の信用金庫 (API): 9]",
            Reset + "[小松川信用金庫 (API): 9]",
            Reset + "[秋田県信用組合 (API): 9]",
            Reset + "[青森県信用組合 (API): 9]",
            Reset + "[協栄信用組合 (API): 9]",
        }));

    /// <summary>A code-level mutant: the bank refuses only the step it last accepted, not the earlier ones. Only the bank's
    /// own tokens change: a VIP Access code is judged by the vendor, so the VIP banks' examples rightly still pass; the replay
    /// scenarios offer the very same code (the same step), which the mutant still refuses.</summary>
    [Test]
    public async Task A_bank_that_accepts_an_earlier_step_after_a_later_one_is_caught() =>
        Assert.That(await FailuresUnderAsync("older-step-accepted", "TestCategory=req:X-02"), Is.EquivalentTo(new[]
        {
            Older + "[協栄信用組合 (API、60秒ステップ): 60]",
            Older + "[秋田県信用組合 (API、60秒ステップ): 60]",
            Older + "[青森県信用組合 (API、60秒ステップ): 60]",
        }));

    /// <summary>A code-level mutant (a replaced 窓口): akita's 窓口 lifts the lock on the same token instead of 利用停止 and a new
    /// トークン発行. Only the scenario that asks the 窓口 for a ロック解除 sees it; 利用停止 and the new token still work.</summary>
    [Test]
    public async Task A_counter_that_unlocks_the_same_token_where_the_manual_says_stop_and_reissue_is_caught() =>
        Assert.That(await FailuresUnderAsync("counter-unlocks-same-token", "TestCategory=req:AKT-07"), Is.EquivalentTo(new[]
        {
            "停止したワンタイムパスワードは利用停止と再発行で再開する (秋田県信用組合) / 停止したトークンは、窓口にロックの解除を頼んでも使えないまま [API: 10]",
        }));

    /// <summary>A code-level mutant (a decorator of the bank's unit of work): the 強制ログアウト after the last wrong メール通知パスワード
    /// is not written to the audit log. Only the scenario that reads the audit log after a forced logout sees it.</summary>
    [Test]
    public async Task A_bank_that_leaves_the_forced_logout_out_of_the_audit_log_is_caught() =>
        Assert.That(await FailuresUnderAsync("forced-logout-unaudited", "TestCategory=req:X-05"), Is.EquivalentTo(new[]
        {
            Audit + "[協栄信用組合 (API): 5]",
            Audit + "[秋田県信用組合 (API): 5]",
        }));

    /// <summary>Runs the conformance suite (already built) against the mutant and returns the failed scenarios' names, sorted.</summary>
    private static async Task<IReadOnlyList<string>> FailuresUnderAsync(string mutant, string filter, bool screens = false)
    {
        var root = Repository.Root();
        var results = Directory.CreateTempSubdirectory("mutant-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "test", Path.Combine(root, "tests", "Harness.Conformance", "Harness.Conformance.csproj"), "--no-build", "--nologo",
                    "--filter", screens ? filter : filter + "&TestCategory!=ui", "--logger", "trx;LogFileName=mutant.trx", "--results-directory", results.FullName,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            start.Environment["HARNESS_BANK_MUTANT"] = mutant;
            // The mutants are judged in process: a HARNESS_CONTAINERS exported in the shell must not change the failing sets.
            start.Environment["HARNESS_CONTAINERS"] = "0";
            // Reqnroll's own formatter settings: the run's messages go to the temporary folder, not beside the shared build.
            start.Environment["REQNROLL_FORMATTERS_MESSAGE"] = "outputFilePath=" + Path.Combine(results.FullName, "messages.ndjson");
            start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(guard.Token);
            var output = await stdout + await stderr;
            var trx = Path.Combine(results.FullName, "mutant.trx");
            Assert.That(File.Exists(trx), Is.EqualTo(true), "the suite ran and wrote its results:\n" + output);
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var all = XDocument.Load(trx).Descendants(ns + "UnitTestResult").ToList();
            Assert.That(all, Is.Not.Empty, output);
            return all.Where(r => (string?)r.Attribute("outcome") == "Failed")
                .Select(r => (string)r.Attribute("testName")!)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}

using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>The input a scenario typed at a length boundary: which input and how many characters.</summary>
public sealed class LengthProbe
{
    public string? Field { get; set; }

    public int Length { get; set; }
}

/// <summary>Input lengths and numbers the ledger gives (数.*最小桁数 / 最大桁数, 数.ハード再発行可能日数, 数.利用解除後の振込限度額,
/// 数.メール通知パスワード桁数): the scenario types an input whose length is computed from the ledger's numbers (one fewer than the
/// minimum, the minimum, the maximum, one more than the maximum) in the flow where the manual asks it, and a Then judges the
/// bank's answer against the same numbers: inside the range the flow goes on, outside it the ledger's message refuses it.</summary>
[System.ComponentModel.Category("桁数")]
[Binding]
public sealed class 桁数Steps(IBankDriver driver, Setup setup, LastOutcome last, TokenFlow flow, Manual manual, LengthProbe probe, VirtualTime time)
{
    private const string Boundary = "(最小桁数より1桁少ない|最小桁数|最大桁数|最大桁数より1桁多い)";

    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    /// <summary>The length the boundary names, from the ledger's 数.&lt;入力&gt;最小桁数 / 最大桁数.</summary>
    private int LengthAt(string field, string boundary) => boundary switch
    {
        "最小桁数より1桁少ない" => manual.Number($"数.{field}最小桁数") - 1,
        "最小桁数" => manual.Number($"数.{field}最小桁数"),
        "最大桁数" => manual.Number($"数.{field}最大桁数"),
        "最大桁数より1桁多い" => manual.Number($"数.{field}最大桁数") + 1,
        _ => throw new ArgumentOutOfRangeException(nameof(boundary), boundary, null),
    };

    /// <summary>A value of <paramref name="length"/> made from the right one: the right value itself, a prefix, or it with digits added.</summary>
    private static string Fit(string right, int length) =>
        length <= right.Length ? right[..length] : right + new string('9', length - right.Length);

    private void Typed(string field, int length)
    {
        probe.Field = field;
        probe.Length = length;
    }

    // ---- 前提 ----

    [System.ComponentModel.Description("確認用パスワードが台帳の最小桁数か最大桁数 (数.確認用パスワード最小桁数 / 最大桁数) の長さのお客様を窓口が登録する。桁数の境目を確かめる前提。aomori・API")]
    [Given("^確認用パスワードが(最小桁数|最大桁数)のお客様が窓口で登録されている$")]
    public Task 確認用パスワードの長さのお客様(string boundary) =>
        setup.RegisterCustomerWithConfirmationPasswordOfAsync(LengthAt("確認用パスワード", boundary));

    // ---- 入力 ----

    [System.ComponentModel.Description("利用開始パスワード (確認用も同じ) を台帳の桁数の境目 (数.利用開始パスワード最小桁数 / 最大桁数 から計算) の長さの半角数字にして、ほかは正しくソフトウェアトークンの発行を申し込む。akita, kyoei, aomori・API/画面")]
    [When("^利用開始パスワードを" + Boundary + "の数字にしてソフトウェアトークンの発行を申し込む$")]
    public async Task 利用開始パスワードの境目(string boundary)
    {
        var length = LengthAt("利用開始パスワード", boundary);
        var value = string.Concat(Enumerable.Range(0, length).Select(i => (char)('1' + (i % 9))));
        Typed("利用開始パスワード", length);
        var application = new SoftTokenApplication(Customer.PhoneMail, Customer.PhoneMail, value, value, Customer.ConfirmationPassword);
        (last.Value, flow.Info) = await driver.IssueSoftTokenAsync(application, () => setup.MailedPassword(Customer));
    }

    [System.ComponentModel.Description("確認用パスワードを台帳の桁数の境目の長さにして (お客様の確認用パスワードそのもの、その前の部分、または数字を足したもの) ハードウェアトークンの発行を申し込む。aomori・API/画面")]
    [When("^確認用パスワードを" + Boundary + "にしてハードウェアトークンの発行を申し込む$")]
    public async Task 確認用パスワードの境目(string boundary)
    {
        var length = LengthAt("確認用パスワード", boundary);
        Typed("確認用パスワード", length);
        (last.Value, flow.Info) = await driver.IssueHardTokenAsync(Fit(Customer.ConfirmationPassword, length), null);
    }

    [System.ComponentModel.Description("申し込んだハードウェアトークンとして、シリアル番号が台帳の最小桁数か最大桁数 (数.シリアル番号最小桁数 / 最大桁数) の桁のものが郵送で届く。aomori・API/画面")]
    [When("^シリアル番号が(最小桁数|最大桁数)のハードウェアトークンが郵送で届く$")]
    public async Task シリアル番号の桁のトークンが届く(string boundary)
    {
        Customer.App = null;
        await setup.DeliverKeyfobWithSerialOfAsync(LengthAt("シリアル番号", boundary), Setup.DefaultKeyfobExpiry);
    }

    [System.ComponentModel.Description("シリアル番号を台帳の桁数の境目の長さにして (届いたトークンのシリアル番号そのもの、その前の部分、または数字を足したもの)、トークンの今のワンタイムパスワードで利用開始する。aomori・API/画面")]
    [When("^シリアル番号を" + Boundary + "にしてハードウェアトークンの利用開始を申し込む$")]
    public async Task シリアル番号の境目(string boundary)
    {
        var keyfob = Customer.Keyfob ?? throw new InvalidOperationException("お客様はハードウェアトークンを持っていません。");
        var length = LengthAt("シリアル番号", boundary);
        Typed("シリアル番号", length);
        (last.Value, flow.Info) = await driver.ActivateOtpAsync(Customer.CurrentCode(), Fit(keyfob.Serial.Value, length));
    }

    [System.ComponentModel.Description("ソフトウェアトークン発行の確認画面で、メール通知パスワードにだけ書いた値を入れて (ほかは正しく) 確定しようとする。aomori・API/画面")]
    [When("^ソフトウェアトークン発行の確認画面でメール通知パスワードに \"(.*)\" と入力して申し込む$")]
    public async Task メール通知パスワードの入力(string value)
    {
        var application = new SoftTokenApplication(Customer.PhoneMail, Customer.PhoneMail, Customer.ActivationPassword, Customer.ActivationPassword, Customer.ConfirmationPassword);
        (last.Value, flow.Info) = await driver.IssueSoftTokenAsync(application, () => value);
    }

    // ---- 判定 ----

    [System.ComponentModel.Description("最後に入れた境目の長さが台帳の最小桁数から最大桁数の間なら手続きが進み (受け付けられ)、外なら断られて台帳の「メッセージ.<名前>」の文言が表示される。違えば 期待/実際 と台帳の数の行を示す。akita, kyoei, aomori・API/画面")]
    [Then("^(利用開始パスワード|確認用パスワード|シリアル番号)の桁数は台帳の範囲のとおりに扱われ、範囲の外は「(.+)」の案内で断られる$")]
    public void 範囲のとおり(string field, string message)
    {
        if (probe.Field != field)
        {
            throw new InvalidOperationException($"{field}を桁数の境目で入力していません (最後に入れたのは {probe.Field ?? "なし"})。");
        }

        var (minId, maxId) = ($"数.{field}最小桁数", $"数.{field}最大桁数");
        var (min, max) = (manual.Number(minId), manual.Number(maxId));
        var length = probe.Length;
        var outcome = last.Required;
        var inside = length >= min && length <= max;
        var id = length <= min ? minId : maxId;
        if (inside != outcome.Succeeded)
        {
            manual.Failed(id);
            throw new ExpectationException(
                $"期待: {length} 桁の{field}は{(inside ? "受け付けられて手続きが進む" : "断られる")} ({min}～{max} 桁。{manual.Source(id)})\n"
                + $"実際: {(outcome.Succeeded ? "受け付けられた" : $"断られた「{outcome.Message}」")}");
        }

        if (!inside)
        {
            manual.Expect("メッセージ." + message, outcome.Message, message + "の案内");
        }
    }

    [System.ComponentModel.Description("お客様の登録メールアドレスに最後に届いたメール通知パスワードが、台帳の桁数 (数.メール通知パスワード桁数) の半角数字である。akita, kyoei, aomori・API/画面")]
    [Then("届いたメール通知パスワードは台帳の桁数の半角数字である")]
    public void メール通知パスワードの桁数()
    {
        const string id = "数.メール通知パスワード桁数";
        var mail = setup.LatestMail(Customer.Email, manual["メール.メール通知パスワード.件名"]);
        var password = mail.Value(manual["メール.メール通知パスワード.パスワード"]);
        var digits = manual.Number(id);
        if (password.Length != digits || !password.All(char.IsAsciiDigit))
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 半角数字 {digits} 桁のメール通知パスワード ({manual.Source(id)})\n実際: 「{password}」");
        }
    }

    // ---- ハードウェアトークンの再発行 ----

    [System.ComponentModel.Description("仮想時計をハードウェアトークンの有効期限の、台帳の再発行可能日数 (数.ハード再発行可能日数) ちょうど前か、それより 1 日多く前まで進める。aomori・API/画面")]
    [When("^ハードウェアトークンの有効期限の(再発行可能日数|再発行可能日数より1日多い日数)前になる$")]
    public Task 再発行可能日数前(string which)
    {
        var days = manual.Number("数.ハード再発行可能日数") + (which == "再発行可能日数" ? 0 : 1);
        var keyfob = Customer.Keyfob ?? throw new InvalidOperationException("お客様はハードウェアトークンを持っていません。");
        return time.JumpToAsync(keyfob.ExpiresAt.AddDays(-days), $"有効期限の {days} 日前");
    }

    [System.ComponentModel.Description("最後の再発行の申込みが、有効期限までの日数が台帳の再発行可能日数以内なら受け付けられ、それより前なら断られて台帳の「メッセージ.<名前>」の文言が表示される。aomori・API/画面")]
    [Then("^再発行の申込みは台帳の再発行可能日数のとおりに扱われ、それより前は「(.+)」の案内で断られる$")]
    public void 再発行可能日数のとおり(string message)
    {
        const string id = "数.ハード再発行可能日数";
        var keyfob = Customer.Keyfob ?? throw new InvalidOperationException("お客様はハードウェアトークンを持っていません。");
        var days = manual.Number(id);
        var left = keyfob.ExpiresAt - time.Now;
        var allowed = left <= TimeSpan.FromDays(days);
        var outcome = last.Required;
        if (allowed != outcome.Succeeded)
        {
            manual.Failed(id);
            throw new ExpectationException(
                $"期待: 有効期限まで {left.TotalDays:0.##} 日の再発行の申込みは{(allowed ? "受け付けられる" : "断られる")} (有効期限の {days} 日前から。{manual.Source(id)})\n"
                + $"実際: {(outcome.Succeeded ? "受け付けられた" : $"断られた「{outcome.Message}」")}");
        }

        if (!allowed)
        {
            manual.Expect("メッセージ." + message, outcome.Message, message + "の案内");
        }
    }

    // ---- 利用解除後の振込限度額 ----

    [System.ComponentModel.Description("ログイン中のお客様の振込限度額が、台帳の利用解除後の振込限度額 (数.利用解除後の振込限度額) である。aomori・API/画面")]
    [Then("振込限度額は台帳の利用解除後の振込限度額である")]
    public async Task 利用解除後の振込限度額()
    {
        const string id = "数.利用解除後の振込限度額";
        var expected = manual.Number(id);
        var actual = await driver.TransferLimitYenAsync();
        if (actual != expected)
        {
            manual.Failed(id);
            throw new ExpectationException($"期待: 振込限度額 {expected:N0} 円 ({manual.Source(id)})\n実際: {actual:N0} 円");
        }
    }
}

using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>A screen as a whole against the manual: what the auditor compares picture by picture.</summary>
[System.ComponentModel.Category("画面")]
[Binding]
public sealed class 画面Steps(IBankDriver driver, Manual manual)
{
    [System.ComponentModel.Description("ログイン中のお客様がメニューから、台帳の名前 (例: 申請内容選択, 限度額変更) の画面をそのリンクで開き、画面名を確かめる。全銀行・画面のみ")]
    [When("メニューから{word}の画面を開く")]
    public Task 画面を開く(string screen) =>
        (driver as UiDriver ?? throw new InvalidOperationException("画面を開くのは画面 (@ui) の例でだけです。")).OpenScreenAsync(screen);

    [System.ComponentModel.Description("いま開いている画面に、台帳がその画面に挙げる画面ID・ボタン・リンク・項目・表示 (注意事項, パンくずなど) がすべて表示されている。全銀行・画面のみ")]
    [Then("画面にマニュアルの記載がすべて表示されている")]
    public async Task すべて表示されている()
    {
        var ui = driver as UiDriver ?? throw new InvalidOperationException("画面の表示は画面 (@ui) の例でだけ確かめられます。");
        var (screens, @checked, missing) = await ui.CheckScreenAgainstLedgerAsync();
        if (@checked.Count == 0)
        {
            throw new ExpectationException($"期待: いまの画面について台帳に画面の記載がある\n実際: 台帳 features/{manual.Ledger.Bank}/マニュアルの記載.yaml にこの画面 ({string.Join("、", screens)}) の表示の項目がありません");
        }

        if (missing.Count > 0)
        {
            throw new ExpectationException(ui.MissingMessage(screens, @checked.Count, missing));
        }
    }
}

using Harness.Conformance.Support;
using NUnit.Framework;

namespace Harness.Mutants.Tests;

/// <summary>
/// Which ledger items the screen-wide check holds each screen to (<see cref="Ledger.Screens"/>): by the id's prefix, or by
/// <c>screen:</c>; never the way in (<c>.リンク</c>), an item shown only at times (<c>onlyWhen</c>) or one left to a person
/// (<c>manualCheck</c>); steps that keep one title are screens of their own.
/// </summary>
public sealed class LedgerScreensTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("ledger-screens-").FullName;
        foreach (var bank in Ledger.Banks)
        {
            Directory.CreateDirectory(Path.Combine(_dir, bank));
            File.WriteAllText(Path.Combine(_dir, bank, Ledger.FileName), $"bank: {bank}\nmanual: m.txt\nitems:\n  - id: 金融機関名\n    kind: 表示\n    text: x\n    quote: x\n");
        }

        File.WriteAllText(Path.Combine(_dir, "akita", Ledger.FileName), """
            bank: akita
            manual: m.txt
            items:
              - { id: 振込.リンク, kind: リンク, text: 振込・振替, quote: q }
              - { id: 振込.画面名, kind: 画面名, text: 振込・振替, quote: q }
              - { id: 振込.他口座, kind: ボタン, text: 他口座への振込・振替, quote: q }
              - { id: 振込入力.画面名, kind: 画面名, text: 振込・振替, quote: q }
              - { id: 振込.振込金額, kind: 項目, text: 振込金額, quote: q, screen: 振込入力.画面名 }
              - { id: 振込.金融機関名, kind: 項目, text: 金融機関名, quote: q, onlyWhen: 他口座のとき }
              - { id: 振込.注意, kind: 表示, text: 注意, quote: q, manualCheck: 紙 }
              - { id: 振込.完了の案内, kind: メッセージ, text: 完了しました, quote: q }
              - { id: 振込完了.画面名, kind: 画面名, text: 振込・振替（完了）, quote: q }
              - { id: メッセージ.振込完了, kind: メッセージ, text: 振込が完了しました, quote: q, screen: 振込完了.画面名 }
              - { id: 登録状況.未登録, kind: 表示, text: 未登録, quote: q }
              - { id: 限度額完了.画面名, kind: 画面名, text: 振込・振替限度額変更（完了）, quote: q }
              - { id: 紙.画面名, kind: 画面名, text: 申込書, quote: q, manualCheck: 紙 }
            """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Each_screen_holds_the_items_its_prefix_or_its_screen_key_gives_it_and_nothing_else_and_a_title_alone_is_a_screen_too()
    {
        var screens = Ledger.Load(_dir, "akita").Screens.ToDictionary(s => s.Title.Id, s => s.Items.Select(i => i.Id).ToArray());

        Assert.That(screens, Is.EqualTo(new Dictionary<string, string[]>
        {
            ["振込.画面名"] = ["振込.他口座"],
            ["振込入力.画面名"] = ["振込.振込金額"],
            ["振込完了.画面名"] = ["メッセージ.振込完了"],
            ["限度額完了.画面名"] = [],
        }));
    }

    [Test]
    public void A_screen_key_that_names_no_title_is_refused_with_the_item_and_the_reason()
    {
        File.AppendAllText(Path.Combine(_dir, "akita", Ledger.FileName), "\n  - { id: 振込.実行, kind: ボタン, text: 実行, quote: q, screen: 振込.他口座 }\n");

        var ex = Assert.Throws<Harness.Reports.ReportException>(() => Ledger.Load(_dir, "akita"));

        Assert.That(ex!.Message, Is.EqualTo($"マニュアルの記載 {Path.Combine(_dir, "akita", Ledger.FileName)}: 項目 振込.実行 の screen「振込.他口座」は ボタン です。画面名の id を書いてください。"));
    }
}

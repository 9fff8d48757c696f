using System.Globalization;
using Harness.Gherkin.Assist;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

public sealed class AssistTests
{
    private sealed class 顧客
    {
        public string ログインID { get; set; } = string.Empty;

        public decimal 振込限度額 { get; set; }

        public DateTime 有効期限 { get; set; }
    }

    private sealed record 明細(string 振込先, int 金額);

    private static readonly CultureInfo Ja = CultureInfo.GetCultureInfo("ja-JP");

    [Test]
    public void CreateInstance_reads_a_vertical_table()
    {
        var table = new DataTable("Field", "Value");
        table.AddRow("ログインID", "akita001");
        table.AddRow("振込 限度額", "200000");
        table.AddRow("有効期限", "2031/11/22");
        var customer = table.CreateInstance<顧客>(Ja);
        Assert.That((customer.ログインID, customer.振込限度額, customer.有効期限), Is.EqualTo(("akita001", 200000m, new DateTime(2031, 11, 22))));
    }

    [Test]
    public void CreateInstance_reads_a_one_row_horizontal_table_and_CreateSet_each_row()
    {
        var table = new DataTable("振込先", "金額");
        table.AddRow("秋田", "1000");
        Assert.That(table.CreateInstance<明細>(Ja), Is.EqualTo(new 明細("秋田", 1000)));
        table.AddRow("青森", "2000");
        Assert.That(table.CreateSet<明細>(Ja), Is.EqualTo(new[] { new 明細("秋田", 1000), new 明細("青森", 2000) }));
    }

    [Test]
    public void CompareToSet_ignores_order_and_shows_the_difference()
    {
        var table = new DataTable("振込先", "金額");
        table.AddRow("秋田", "1000");
        table.AddRow("青森", "2000");
        Assert.DoesNotThrow(() => table.CompareToSet(new[] { new 明細("青森", 2000), new 明細("秋田", 1000) }, Ja));

        var ex = Assert.Throws<ComparisonException>(() => table.CompareToSet(new[] { new 明細("秋田", 1000), new 明細("青森", 3000) }, Ja));
        Assert.That(ex!.Message, Is.EqualTo("表と実際の値が一致しません (- 期待したが無い行 / + 余分な行):\n  | 振込先 | 金額 |\n  | 秋田 | 1000 |\n- | 青森 | 2000 |\n+ | 青森 | 3000 |"));
    }

    [Test]
    public void CompareToSet_names_columns_without_a_property()
    {
        var table = new DataTable("振込先", "手数料");
        var ex = Assert.Throws<ComparisonException>(() => table.CompareToSet(Array.Empty<明細>(), Ja));
        Assert.That(ex!.Message, Is.EqualTo("次の列に対応するプロパティがありません:\n手数料"));
    }

    [Test]
    public void A_conversion_failure_names_the_column_and_value()
    {
        var table = new DataTable("振込先", "金額");
        table.AddRow("秋田", "千円");
        var ex = Assert.Throws<FormatException>(() => table.CreateInstance<明細>(Ja));
        Assert.That(ex!.Message, Does.StartWith("列 '金額' の値 \"千円\" を Int32 に変換できません: "));
    }
}

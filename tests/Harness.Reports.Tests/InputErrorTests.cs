namespace Harness.Reports.Tests;

/// <summary>Malformed inputs are refused with a Japanese message naming the file (and the line), before anything is written.</summary>
public sealed class InputErrorTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public void A_malformed_ndjson_line_is_named_by_its_number()
    {
        var lines = Fixture.StandardRun().Build().Select(Harness.Gherkin.Formatters.MessageSerializer.Serialize).ToList();
        lines.Insert(2, "{\"pickle\": {\"id\": ");
        File.WriteAllLines(_f.MessagesPath, lines);

        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input()));
        Assert.That(ex!.Message, Does.StartWith($"実行結果 {_f.MessagesPath} の 3 行目が Cucumber Messages のエンベロープとして読めません: "));
        Assert.That(Directory.Exists(_f.OutputDir), Is.False);
    }

    [Test]
    public void A_missing_ndjson_is_named()
    {
        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input()));
        Assert.That(ex!.Message, Is.EqualTo($"実行結果の NDJSON {_f.MessagesPath} がありません。"));
    }

    [TestCase("profiles: [akita]\nrequirements: []\n", " の 1 行 11 列が読めません: ")]
    [TestCase("profiles:\n  akita:\n    institution: \"秋田\nrequirements:\n\t- id: X\n", " の 3 行 18 列が読めません: ")]
    [TestCase("", "が空です。profiles と requirements が必要です。")]
    [TestCase("profiles:\n  akita:\n    institution: 秋田県信用組合\n", "に requirements (要件の一覧) がありません。")]
    [TestCase(
        "profiles:\n  akita:\n    institution: 秋田県信用組合\nrequirements:\n  - id: AKT-01\n    profiles: [kyoei]\n    title: t\n    source: [\"s\"]\n",
        ": 要件 AKT-01 の profiles にある「kyoei」は profiles に定義されていません。")]
    [TestCase(
        "profiles:\n  akita:\n    institution: 秋田県信用組合\nrequirements:\n  - id: AKT-01\n    profiles: [akita]\n    title: t\n    source: []\n",
        ": 要件 AKT-01 に source (マニュアル原文の引用) がありません。")]
    [TestCase(
        "profiles:\n  akita:\n    institution: 秋田県信用組合\nrequirements:\n  - id: AKT-01\n    profiles: [akita]\n    title: t\n    source: [s]\n  - id: AKT-01\n    profiles: [akita]\n    title: t\n    source: [s]\n",
        ": 要件 AKT-01 の id が重複しています。")]
    [TestCase(
        "profiles:\n  akita:\n    institution: 秋田県信用組合\nrequirements:\n  - id: akt-1\n    profiles: [akita]\n    title: t\n    source: [s]\n",
        ": 要件 akt-1 の id が「AKT-07」の形 (英大文字、ハイフン、2桁の数字) ではありません。")]
    public void A_malformed_register_is_refused_naming_the_file_and_the_problem(string yaml, string problem)
    {
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
        File.WriteAllText(_f.RequirementsPath, yaml);

        var ex = Assert.ThrowsAsync<ReportException>(() => ReportGenerator.GenerateAsync(_f.Input()));
        Assert.That(ex!.Message, Does.StartWith("要件台帳 " + _f.RequirementsPath));
        Assert.That(ex.Message, Does.Contain(problem));
    }

    [Test]
    public void The_real_register_of_the_repository_loads()
    {
        var path = Path.Combine(RepositoryRoot(), "features", "requirements.yaml");
        var register = Register.RequirementRegister.Load(path);
        Assert.That(register.Profiles.Select(p => p.Id), Is.EqualTo(new[] { "akita", "kyoei", "komatsugawa", "aomori", "shinkin" }));
        Assert.That(register.ById["AKT-07"].Source[0], Is.EqualTo(Fixture.Akt07Sentence));
        Assert.That(register.ById["X-03"].Profiles, Has.Count.EqualTo(5));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}

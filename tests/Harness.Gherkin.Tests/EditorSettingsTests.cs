using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

/// <summary>features/harness.code-workspace is what lets QA's VS Code (the Cucumber extension) complete steps and jump to their
/// C# definitions: its globs must reach every feature file and every file that defines steps.</summary>
public sealed partial class EditorSettingsTests
{
    private static readonly string Root = FindRoot();

    private static JsonElement Workspace()
    {
        var text = File.ReadAllText(Path.Combine(Root, "features", "harness.code-workspace"));
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.Clone();
    }

    [Test]
    public void The_workspace_opens_the_repository_root()
    {
        var folder = Workspace().GetProperty("folders")[0].GetProperty("path").GetString()!;
        Assert.That(Path.GetFullPath(Path.Combine(Root, "features", folder)), Is.EqualTo(Root));
    }

    [Test]
    public void The_cucumber_globs_reach_every_feature_and_every_step_definition_file()
    {
        var settings = Workspace().GetProperty("settings");
        var features = Expand(settings.GetProperty("cucumber.features"));
        var glue = Expand(settings.GetProperty("cucumber.glue"));

        var featureFiles = Directory.GetFiles(Path.Combine(Root, "features"), "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var stepFiles = Directory.GetFiles(Path.Combine(Root, "tests", "Harness.Conformance"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => StepAttribute().IsMatch(File.ReadAllText(f)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(featureFiles, Has.Count.GreaterThan(0));
            Assert.That(stepFiles, Has.Count.GreaterThan(0));
            Assert.That(featureFiles.Except(features), Is.Empty, "cucumber.features に含まれないフィーチャーファイル");
            Assert.That(stepFiles.Except(glue), Is.Empty, "cucumber.glue に含まれないステップ定義");
        });
    }

    private static HashSet<string> Expand(JsonElement globs)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var glob in globs.EnumerateArray())
        {
            matcher.AddInclude(glob.GetString()!);
        }

        return matcher.GetResultsInFullPath(Root).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What the Cucumber language server looks for in C#: a Given/When/Then attribute with a string.</summary>
    [GeneratedRegex(@"\[(Given|When|Then)\(\s*@?""")]
    private static partial Regex StepAttribute();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}

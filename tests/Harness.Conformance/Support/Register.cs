using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Support;

/// <summary>The requirement register (features/requirements.yaml): the IDs a scenario may name with <c>@req:</c>.</summary>
public static class Register
{
    private static readonly Lazy<IReadOnlySet<string>> Ids = new(Load);

    public static string PathOf => Path.Combine(AppContext.BaseDirectory, "features", "requirements.yaml");

    /// <summary>Throws naming the tag and the file when a <c>@req:</c> tag names an ID the register lacks.</summary>
    public static void Check(IEnumerable<string> tags)
    {
        var unknown = tags.Where(t => t.StartsWith("req:", StringComparison.Ordinal)).Select(t => t["req:".Length..]).Where(id => !Ids.Value.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"要件台帳にない要件IDのタグがあります: {string.Join(", ", unknown.Select(u => "@req:" + u))} (台帳: features/requirements.yaml)。");
        }
    }

    private static HashSet<string> Load()
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(PathOf);
            yaml.Load(reader);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or IOException)
        {
            throw new InvalidOperationException($"要件台帳 features/requirements.yaml を読めません: {ex.Message}", ex);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var requirements = (YamlSequenceNode)root.Children[new YamlScalarNode("requirements")];
        return requirements.Children.Cast<YamlMappingNode>()
            .Select(r => ((YamlScalarNode)r.Children[new YamlScalarNode("id")]).Value!)
            .ToHashSet(StringComparer.Ordinal);
    }
}

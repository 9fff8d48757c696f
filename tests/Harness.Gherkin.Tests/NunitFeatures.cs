using Harness.Gherkin.NUnit;

namespace Harness.Gherkin.Tests;

/// <summary>The runner under `dotnet test`: every pickle of Features/Nunit is one NUnit test, filterable by tag
/// (<c>dotnet test --filter "TestCategory=table"</c>).</summary>
[GherkinFeatures("Features/Nunit")]
public sealed class NunitFeatures;

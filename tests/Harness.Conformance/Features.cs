[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: Harness.Gherkin.NUnit.GherkinTestRun]

namespace Harness.Conformance;

/// <summary>Every scenario of features/ as an NUnit test; select with tags, e.g. <c>dotnet test --filter "TestCategory=bank:akita"</c>.</summary>
[Harness.Gherkin.NUnit.GherkinFeatures("features")]
public sealed class Features;

[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: Harness.Gherkin.NUnit.GherkinTestRun]

namespace Harness.Gherkin.QaSample;

[Harness.Gherkin.NUnit.GherkinFeatures("features")]
public sealed class Features;

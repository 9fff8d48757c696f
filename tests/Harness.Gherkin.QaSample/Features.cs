[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(Harness.ReqnrollNUnit.NUnitRuntimePlugin))]
[assembly: Harness.ReqnrollNUnit.ReqnrollTestRun]

namespace Harness.Gherkin.QaSample;

/// <summary>The sample's feature files as NUnit tests run by Reqnroll (features/ beside the assembly, or the folder named by
/// HARNESS_FEATURES_DIR: the adapter tests point it at one of adapter/'s folders).</summary>
[Harness.ReqnrollNUnit.ReqnrollFeatures("features")]
public sealed class Features;

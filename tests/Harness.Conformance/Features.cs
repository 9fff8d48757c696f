[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(Harness.ReqnrollNUnit.NUnitRuntimePlugin))]
[assembly: Harness.ReqnrollNUnit.ReqnrollTestRun]

namespace Harness.Conformance;

/// <summary>Every scenario of features/ as an NUnit test run by Reqnroll; select with tags, e.g.
/// <c>dotnet test --filter "TestCategory=bank:akita"</c>.</summary>
[Harness.ReqnrollNUnit.ReqnrollFeatures("features")]
public sealed class Features;

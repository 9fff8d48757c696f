[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]
[assembly: Harness.Gherkin.NUnit.GherkinTestRun]

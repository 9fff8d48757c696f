using NUnit.Framework;
using NUnit.Framework.Interfaces;
using Reqnroll;

namespace Harness.ReqnrollNUnit;

/// <summary>Put on the test assembly (<c>[assembly: ReqnrollTestRun]</c>): starts Reqnroll's test run before the first
/// test (its [BeforeTestRun] hooks) and ends it after the last ([AfterTestRun] hooks; the formatters write and close the
/// run's Cucumber Messages and HTML report), as the generated assembly hooks of Reqnroll.NUnit do.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ReqnrollTestRunAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Suite;

    public void BeforeTest(ITest test)
    {
        if (test is NUnit.Framework.Internal.TestAssembly { Assembly: { } assembly })
        {
            TestRunnerManager.OnTestRunStartAsync(assembly).GetAwaiter().GetResult();
        }
    }

    public void AfterTest(ITest test)
    {
        if (test is NUnit.Framework.Internal.TestAssembly { Assembly: { } assembly })
        {
            TestRunnerManager.OnTestRunEndAsync(assembly).GetAwaiter().GetResult();
        }
    }
}

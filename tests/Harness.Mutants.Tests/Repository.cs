using NUnit.Framework;

namespace Harness.Mutants.Tests;

/// <summary>The repository the tests run in: the folder of Harness.sln above the test's own folder.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}

namespace Harness.Cli.Tests;

/// <summary>The command line as a user runs it: from a folder, with its output, error output and exit code.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Output, string Error)> InAsync(string directory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(directory);
        try
        {
            var code = await HarnessCommand.InvokeAsync(args, output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}

using System.Globalization;
using System.Text;
using Harness.Cli;

// The people who read this tool's messages read Japanese: System.CommandLine's own messages follow the UI culture.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
Console.OutputEncoding = new UTF8Encoding(false);
return await HarnessCommand.InvokeAsync(args, Console.Out, Console.Error);

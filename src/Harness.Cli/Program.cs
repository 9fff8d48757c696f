using System.Text;
using Harness.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return await HarnessCommand.InvokeAsync(args, Console.Out, Console.Error);

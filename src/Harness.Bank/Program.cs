using System.Globalization;
using Harness.Bank;

// Standalone: dotnet run --project src/Harness.Bank -- --bank aomori [--port 5080]
// Benchmark:  dotnet run -c Release --project src/Harness.Bank -- --bench [--customers 200] [--rounds 6] [--concurrency 64] [--otp-rate 1000]
if (args.Contains("--bench"))
{
    var report = await Harness.Bank.Benchmark.LoadBenchmark.RunAsync(new Harness.Bank.Benchmark.BenchmarkOptions(
        Customers: int.Parse(ArgValue("--customers") ?? "200", CultureInfo.InvariantCulture),
        Rounds: int.Parse(ArgValue("--rounds") ?? "6", CultureInfo.InvariantCulture),
        Concurrency: int.Parse(ArgValue("--concurrency") ?? "64", CultureInfo.InvariantCulture),
        OtpRatePerSecond: int.Parse(ArgValue("--otp-rate") ?? "1000", CultureInfo.InvariantCulture)), Console.Out);
    Console.WriteLine(report);
    return report.CountersExact ? 0 : 1;
}
var profile = ArgValue("--bank") ?? "aomori";
var port = int.Parse(ArgValue("--port") ?? "5080", CultureInfo.InvariantCulture);
await using var host = await BankHost.StartAsync(new BankHostOptions
{
    Profile = profile,
    Port = port,
    DatabasePath = Path.Combine(Path.GetTempPath(), $"harness-bank-{profile}.db"),
});
Console.WriteLine($"{host.Profile.InstitutionName} ({profile}): {host.BaseUrl}");
foreach (var c in host.DemoCustomers)
{
    Console.WriteLine($"  {c.LoginId} / {c.Password}  確認用パスワード {c.ConfirmationPassword}  ({c.Kind})");
}
await host.WaitForShutdownAsync();
return 0;

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

using System.Net;
using Harness.Cli.Serve;
using NUnit.Framework;

namespace Harness.Cli.Tests;

/// <summary><c>serve</c> starts the bank with its demo customers and the device panel, and stops on cancellation.</summary>
public sealed class ServeTests
{
    [Test]
    public async Task Serve_starts_the_bank_and_the_device_panel_and_prints_the_demo_customers()
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<ServeCommand.Started>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = ServeCommand.RunAsync("aomori", 0, output, error, stop.Token, s => started.TrySetResult(s));
        var info = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));

        using var http = new HttpClient();
        var login = await http.GetAsync(new Uri(info.BankUrl + "/login"));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await login.Content.ReadAsStringAsync(), Does.Contain("<title>ログイン | 青森県信用組合</title>"));
        var panel = await http.GetStringAsync(new Uri(info.PanelUrl + "/"));
        Assert.That(panel, Does.Contain("<h1>模擬デバイス</h1>"));

        Assert.That(info.Customers.Select(c => c.LoginId), Is.EqualTo(new[] { "aomori001", "aomori002" }));
        Assert.That(output.ToString(), Does.Contain("  aomori001\tAomori-pass1\tkakunin1\tPersonal\ttaro@data-bank.co.jp\t青森 太郎\n"));

        await stop.CancelAsync();
        Assert.That(await run, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.EndWith("終了しました。\n"));
    }

    [TestCase("tokyo", 0, "使い方の誤り: 銀行プロファイル 'tokyo' はありません。使えるのは akita, kyoei, komatsugawa, aomori, shinkin です。")]
    [TestCase("akita", 70000, "使い方の誤り: --port は 0〜65535 です (値: 70000)。0 は空いているポートを使います。")]
    public async Task Serve_refuses_an_unknown_profile_or_port_with_exit_code_2(string profile, int port, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter { NewLine = "\n" };
        Assert.That(await ServeCommand.RunAsync(profile, port, output, error, CancellationToken.None), Is.EqualTo(2));
        Assert.That(error.ToString(), Is.EqualTo(message + "\n"));
    }
}

using Harness.Bank;
using Harness.Bank.Profiles;
using Harness.Devices;

namespace Harness.Cli.Serve;

/// <summary><c>serve --bank &lt;profile&gt; [--port N]</c>: the reference bank on the wall clock with its seeded demo customers,
/// the embedded mailbox and token vendor, and a device panel, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public sealed record Started(string BankUrl, string PanelUrl, IReadOnlyList<DemoCustomer> Customers);

    public static async Task<int> RunAsync(string profile, int port, TextWriter output, TextWriter error, CancellationToken cancellationToken, Action<Started>? started = null)
    {
        if (!BankProfile.Names.Contains(profile, StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"使い方の誤り: 銀行プロファイル '{profile}' はありません。使えるのは {string.Join(", ", BankProfile.Names)} です。");
            return HarnessCommand.UsageError;
        }

        if (port is < 0 or > 65535)
        {
            await error.WriteLineAsync($"使い方の誤り: --port は 0〜65535 です (値: {port})。0 は空いているポートを使います。");
            return HarnessCommand.UsageError;
        }

        var clock = TimeProvider.System;
        await using var devices = DeviceHost.Start(clock);
        BankHost bank;
        try
        {
            bank = await BankHost.StartAsync(new BankHostOptions
            {
                Profile = profile,
                TimeProvider = clock,
                Port = port,
                SmtpHost = devices.SmtpHost,
                SmtpPort = devices.SmtpPort,
                VendorBaseUrl = devices.VendorBaseUrl,
            }, cancellationToken);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"銀行を起動できません: ポート {port} を使えません ({ex.Message})。別の --port を指定してください。");
            return HarnessCommand.UsageError;
        }

        await using (bank)
        {
            await using var panel = new DevicePanel(devices, new Uri(bank.BaseUrl));
            await panel.StartAsync(0, cancellationToken);
            await output.WriteLineAsync($"参照銀行 ({bank.Profile.Id}) を起動しました: {bank.BaseUrl}/login");
            await output.WriteLineAsync($"模擬デバイス (メール, アプリ, VIP Access, キーホルダー): {panel.BaseUrl}/");
            await output.WriteLineAsync($"窓口の API: {bank.BaseUrl}/staff/api/… (src/Harness.Bank/Harness.Bank.http)");
            await output.WriteLineAsync("デモのお客様:");
            await output.WriteLineAsync("  ログインID\tログインパスワード\t確認用パスワード\t種別\tメールアドレス\t名前");
            foreach (var c in bank.DemoCustomers)
            {
                await output.WriteLineAsync($"  {c.LoginId}\t{c.Password}\t{c.ConfirmationPassword}\t{c.Kind}\t{c.Email}\t{c.Name}");
            }

            await output.WriteLineAsync("終了するには Ctrl+C を押してください。");
            started?.Invoke(new Started(bank.BaseUrl, panel.BaseUrl, bank.DemoCustomers));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await output.WriteLineAsync("終了しました。");
        return HarnessCommand.Success;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Support;

/// <summary>Deliberately broken variants of the bank (environment variable HARNESS_BANK_MUTANT) that the suite must catch:
/// each changes one rule of a profile, and the scenarios of that rule must then fail.</summary>
public static partial class Mutants
{
    public const string Variable = "HARNESS_BANK_MUTANT";

    /// <summary>The mutants by name: what they break, as a change to the profile data.</summary>
    public static IReadOnlyDictionary<string, (string Description, Action<YamlMappingNode> Break)> All { get; } =
        new Dictionary<string, (string, Action<YamlMappingNode>)>(StringComparer.Ordinal)
        {
            ["lock-at-11"] = ("ワンタイムパスワードの停止が 10 回ではなく 11 回目で起きる", p => Set(p, ["otp", "failThreshold"], "11")),
            ["lock-at-9"] = ("ワンタイムパスワードの停止が 10 回ではなく 9 回目で起きる", p => Set(p, ["otp", "failThreshold"], "9")),
            ["mail-logout-at-6"] = ("メール通知パスワードの強制ログアウトが 5 回目ではなく 6 回目で起きる", p => Set(p, ["mailPassword", "failThreshold"], "6")),
            ["mail-logout-at-4"] = ("メール通知パスワードの強制ログアウトが 5 回目ではなく 4 回目で起きる", p => Set(p, ["mailPassword", "failThreshold"], "4")),
            ["limit-not-reset"] = ("利用解除の後も振込限度額を 200,000 円に戻さない", p =>
            {
                if (Find(p, ["limits"]) is YamlMappingNode limits)
                {
                    limits.Children.Remove(new YamlScalarNode("afterDeactivationYen"));
                }
            }),
            ["activation-password-9-digits"] = ("9 桁の利用開始パスワードも受け付ける (4～8 桁ではなく 4～9 桁)", p => Set(p, ["otp", "activationPasswordMaxDigits"], "9")),
            ["serial-13-digits"] = ("13 桁のシリアル番号も受け付ける (8～12 桁ではなく 8～13 桁)", p => Set(p, ["otp", "serialNoMaxDigits"], "13")),
            ["limit-after-deactivation-100000"] = ("利用解除の後の振込限度額を 200,000 円ではなく 100,000 円にする", p => Set(p, ["limits", "afterDeactivationYen"], "100000")),
            ["keyfob-reissue-91-days"] = ("ハードウェアトークンの再発行を有効期限の 90 日前ではなく 91 日前から受け付ける", p => Set(p, ["otp", "keyfobReissueWindowDays"], "91")),
            ["corporate-desktop-allowed"] = ("法人のお客様にもパソコン版 (VSST) の VIP Access を利用登録させる", p =>
            {
                if (Find(p, ["otp"]) is YamlMappingNode otp)
                {
                    otp.Children[new YamlScalarNode("corporateRefusedCredentialPrefixes")] = new YamlSequenceNode();
                }
            }),
            ["vip-second-device-allowed"] = ("利用中のお客様が別の端末の VIP Access を利用登録すると、断らずに交換する", p => Set(p, ["otp", "vipRegistrationExchanges"], "true")),
            ["window-two-steps-ahead"] = ("時計のずれを前に 2 ステップまで許す", p =>
            {
                foreach (var token in new[] { "soft", "hard", "vip" })
                {
                    if (Find(p, ["otp", token]) is YamlMappingNode)
                    {
                        Set(p, ["otp", token, "skewStepsForward"], "2");
                    }
                }
            }),
            ["window-two-steps-back"] = ("遅れた時計のコードを 2 ステップ前まで受け付ける", p =>
            {
                foreach (var token in new[] { "soft", "hard", "vip" })
                {
                    if (Find(p, ["otp", token]) is YamlMappingNode)
                    {
                        Set(p, ["otp", token, "skewStepsBack"], "2");
                    }
                }
            }),
        };

    /// <summary>Mutants that break code rather than profile data: each replaces one of the bank's services with a broken
    /// subclass or decorator (kept in this folder), through <see cref="Harness.Bank.BankHostOptions.ConfigureServices"/>.</summary>
    public static IReadOnlyDictionary<string, (string Description, Action<IServiceCollection> Break)> InCode { get; } =
        new Dictionary<string, (string, Action<IServiceCollection>)>(StringComparer.Ordinal)
        {
            ["keyfob-reused"] = ("利用解除したハードウェアトークンを再び利用開始できてしまう", services =>
                services.Replace(ServiceDescriptor.Scoped<Harness.Bank.Tokens.OtpOperations, KeyfobReusedOperations>())),
            ["mail-password-survives-logout"] = ("ログアウトしてもメール通知パスワードが無効にならない", services =>
                services.Replace(ServiceDescriptor.Scoped<Harness.Bank.MailPasswords.MailPasswordService, MailPasswordSurvivingLogout>())),
            ["reused-code-accepted"] = ("一度受け付けたワンタイムパスワードをもう一度受け付ける", services =>
            {
                services.AddSingleton<AcceptedCodes>();
                services.AddScoped<Harness.Bank.Tokens.OtpChecks>(sp => ActivatorUtilities.CreateInstance<ReusedCodeAcceptedOtpChecks>(sp));
            }),
            ["mail-failure-ignored"] = ("メールサーバーが受け取らなかったメールも送れたものとして手続きを進める", services =>
            {
                var sent = services.Single(d => d.ServiceType == typeof(Harness.Bank.Mail.IMailTransport));
                var transport = sent.ImplementationInstance as Harness.Bank.Mail.IMailTransport
                    ?? throw new InvalidOperationException("変異 mail-failure-ignored は、メールの送り方をインスタンスで渡された銀行にだけ使えます。");
                services.Replace(ServiceDescriptor.Singleton<Harness.Bank.Mail.IMailTransport>(new MailFailureIgnored(transport)));
            }),
            ["vendor-outage-counted"] = ("トークンベンダーが答えられないときのワンタイムパスワードを誤りに数える", services =>
                services.AddScoped<Harness.Bank.Tokens.OtpChecks, VendorOutageCountedOtpChecks>()),
            ["fail-count-not-reset"] = ("正しいワンタイムパスワードを受け付けても、それまでの誤りの回数を 0 に戻さない (連続ではなく通算で数える)", services =>
                services.AddScoped<Harness.Bank.Tokens.OtpChecks, FailCountNotResetOtpChecks>()),
            ["older-step-accepted"] = ("後の時間ステップのワンタイムパスワードを受け付けた後も、それより前のステップのものを受け付ける", services =>
                services.AddScoped<Harness.Bank.Tokens.OtpChecks, OlderStepAcceptedOtpChecks>()),
            ["forced-logout-unaudited"] = ("メール通知パスワードの誤りによる強制ログアウトを監査ログに残さない", services =>
                services.ConfigureDbContext<Harness.Bank.Data.BankDb>(o => o.AddInterceptors(new ForcedLogoutUnaudited()))),
            ["outage-page-without-way-back"] = ("データベースが止まっている間のエラー画面に「ログイン画面へ戻る」リンクを出さない", services =>
                services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, OutagePageWithoutWayBack>()),
            ["expired-token-accepted"] = ("有効期限を過ぎたトークンのワンタイムパスワードも受け付ける", services =>
                services.AddScoped<Harness.Bank.Tokens.OtpChecks, ExpiredTokenAcceptedOtpChecks>()),
            ["counter-unlocks-same-token"] = ("利用停止と再発行が所定の銀行でも、窓口が同じトークンのロックを解除してしまう", services =>
                services.Replace(ServiceDescriptor.Scoped<Harness.Bank.Staff.StaffContext, CounterUnlocksSameToken>())),
        };

    /// <summary>The mutants <see cref="Variable"/> names: one, or several separated by commas (wording mutants each break one
    /// bank, so one run of the suite can judge a mutant per bank).</summary>
    public static IReadOnlyList<string> Named() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The service replacements of the code-level mutants named by <see cref="Variable"/>, if it names any.</summary>
    public static Action<IServiceCollection>? ServicesFor()
    {
        var breaks = Named().Where(InCode.ContainsKey).Select(n => InCode[n].Break).ToList();
        return breaks.Count == 0 ? null : services => breaks.ForEach(b => b(services));
    }

    /// <summary>The profile to start: the scenario's own, or its broken variant written beside the shipped profiles.</summary>
    public static string ProfileFor(string profile)
    {
        var names = Named();
        var unknown = names.Where(n => !All.ContainsKey(n) && !InCode.ContainsKey(n) && !Wordings.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{Variable} の {string.Join(", ", unknown)} という変異はありません。使えるのは {string.Join(", ", All.Keys.Concat(InCode.Keys).Concat(Wordings.Keys))} です。");
        }

        var breaks = names.Where(All.ContainsKey).Select(n => All[n].Break)
            .Concat(names.Where(n => Wordings.TryGetValue(n, out var w) && w.Bank == profile).Select(n => Wordings[n].Break))
            .ToList();
        if (breaks.Count == 0)
        {
            return profile;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "Profiles");
        var id = $"{profile}-mutant-{string.Join('+', names)}";
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(folder, profile + ".yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Set(root, ["id"], id);
        breaks.ForEach(b => b(root));
        var path = Path.Combine(folder, id + ".yaml");

        // Scenarios of the same bank start in parallel and each writes the variant: each through its own temporary file, so
        // that one's move never takes the file another is still writing (the same content lands either way).
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var writer = new StreamWriter(temporary))
        {
            yaml.Save(writer, assignAnchors: false);
        }

        File.Move(temporary, path, overwrite: true);
        return id;
    }

    private static YamlNode? Find(YamlMappingNode root, string[] path)
    {
        YamlNode node = root;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static void Set(YamlMappingNode root, string[] path, string value)
    {
        var parent = (YamlMappingNode)(path.Length == 1 ? root : Find(root, path[..^1])
            ?? throw new InvalidOperationException($"プロファイルに {string.Join('.', path[..^1])} がありません。"));
        parent.Children[new YamlScalarNode(path[^1])] = new YamlScalarNode(value);
    }
}

using System.Globalization;
using Harness.Devices.Keyfobs;

namespace Harness.Conformance.Support;

/// <summary>Preconditions of the input-length boundaries: a customer whose 確認用パスワード has a given length, a keyfob whose
/// シリアル番号 has a given number of digits (the lengths come from the ledger's 数.*最小桁数 / 最大桁数).</summary>
public sealed partial class Setup
{
    private static int _nextShortSerial;

    /// <summary>窓口 registers a personal customer whose 確認用パスワード is <paramref name="length"/> half-width letters and digits.</summary>
    public async Task<Customer> RegisterCustomerWithConfirmationPasswordOfAsync(int length)
    {
        await world.StartBankAsync();
        var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var password = ("k" + n + "abcdefghijklmnopqrstuvwxyz0123456789")[..length];
        var customer = new Customer
        {
            LoginId = $"{world.ProfileName}c{n}",
            Password = $"Pass-{world.ProfileName}{n}",
            ConfirmationPassword = password,
            Email = $"pc{n}@{world.ProfileName}.example.jp",
            PhoneMail = $"phone{n}@{world.ProfileName}.example.jp",
        };
        await OpenAtAsync(Api, customer, "テスト 太郎", "Personal", 5_000_000, "窓口でのお客様登録");
        Customer = customer;
        return customer;
    }

    /// <summary>The bank posts a keyfob whose シリアル番号 has <paramref name="digits"/> digits (unique within the run).</summary>
    public async Task<Keyfob> DeliverKeyfobWithSerialOfAsync(int digits, DateTimeOffset expiresAt)
    {
        var number = Interlocked.Increment(ref _nextShortSerial).ToString(CultureInfo.InvariantCulture);
        return await DeliverKeyfobAsync(SerialNumber.Parse("7" + number.PadLeft(digits - 1, '0')), expiresAt);
    }
}

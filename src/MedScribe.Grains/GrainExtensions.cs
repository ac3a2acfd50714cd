using Orleans.Runtime;

namespace MedScribe.Grains;

/// <summary>Reminder helpers shared by grains.</summary>
internal static class GrainExtensions
{
    public static async Task UnregisterReminderIfExistsAsync(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}

namespace MedScribe.AzureStorage.Reminders;

/// <summary>Settings of the reminder table on Azure Tables.</summary>
public sealed class TableReminderOptions
{
    /// <summary>Azure Storage connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table that holds one row per reminder.</summary>
    public string TableName { get; set; } = "OrleansReminders";
}

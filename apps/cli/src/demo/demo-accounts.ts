/** Demo customer accounts whose contacts match the demo tickets' requesters. Days are relative to today. */
export interface DemoAccount {
  number: string;
  name: string;
  currency: string;
  contacts: { email?: string; phone?: string; name?: string }[];
  invoices: { number: string; issuedDaysAgo: number; termDays: number; lines: [string, string, number][] }[];
  payments: {
    reference: string;
    amount: number;
    method: 'card' | 'bank_transfer' | 'direct_debit';
    daysAgo: number;
    /** Keep the whole payment as credit instead of applying it oldest due first. */
    unallocated?: boolean;
  }[];
  adjustments?: {
    kind: 'credit_note' | 'debit_note';
    amount: number;
    reasonCode: 'late_fee' | 'goodwill';
    invoice?: string;
  }[];
  disputes?: { invoice: string; reason: string }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    number: 'NW-1001',
    name: 'Northwind Traders',
    currency: 'EUR',
    contacts: [{ email: 'priya@northwind.example', name: 'Priya Natarajan' }],
    invoices: [
      { number: 'INV-2011', issuedDaysAgo: 55, termDays: 30, lines: [['Pro plan, September', '1', 12000]] },
      { number: 'INV-2031', issuedDaysAgo: 25, termDays: 30, lines: [['Pro plan, October', '1', 12000]] },
    ],
    // The card was charged twice for INV-2031: the second charge sits as credit.
    payments: [
      { reference: 'CARD-88120', amount: 12000, method: 'card', daysAgo: 50 },
      { reference: 'CARD-90417', amount: 12000, method: 'card', daysAgo: 20 },
      { reference: 'CARD-90418', amount: 12000, method: 'card', daysAgo: 20 },
    ],
  },
  {
    number: 'AC-2002',
    name: 'Acme Corporation',
    currency: 'EUR',
    contacts: [{ email: 'tomas@acme.example', name: 'Tomás Ruiz' }],
    invoices: [
      { number: 'AC-0931', issuedDaysAgo: 85, termDays: 14, lines: [['Team plan, 12 seats', '12', 2500]] },
      { number: 'AC-1031', issuedDaysAgo: 55, termDays: 14, lines: [['Team plan, 12 seats', '12', 2500]] },
      {
        number: 'AC-1130',
        issuedDaysAgo: 25,
        termDays: 14,
        lines: [
          ['Team plan, 12 seats', '12', 2875],
          ['Usage overage (GB)', '3.5', 400],
        ],
      },
    ],
    payments: [
      { reference: 'SEPA-4411', amount: 30000, method: 'direct_debit', daysAgo: 80 },
      { reference: 'SEPA-4502', amount: 30000, method: 'direct_debit', daysAgo: 50 },
    ],
  },
  {
    number: 'OG-3003',
    name: 'Grant & Sons Ltd',
    currency: 'GBP',
    contacts: [{ phone: '+44 20 7946 0958', name: 'Oliver Grant' }],
    invoices: [
      { number: 'INV-1988', issuedDaysAgo: 70, termDays: 30, lines: [['Annual support', '1', 48000]] },
      { number: 'INV-2040', issuedDaysAgo: 10, termDays: 30, lines: [['Hardware rental', '2', 7500]] },
    ],
    // Paid by transfer but not matched to the invoice yet.
    payments: [
      { reference: 'NW-7781', amount: 48000, method: 'bank_transfer', daysAgo: 22, unallocated: true },
    ],
  },
  {
    number: 'CT-4004',
    name: 'Contoso Ltd',
    currency: 'USD',
    contacts: [{ email: 'mei@contoso.example', name: 'Mei Chen' }],
    invoices: [
      { number: 'CT-2026-01', issuedDaysAgo: 9, termDays: 30, lines: [['Annual plan', '1', 118800]] },
    ],
    payments: [{ reference: 'CARD-1188', amount: 118800, method: 'card', daysAgo: 8 }],
  },
  {
    number: 'FB-5005',
    name: 'Fabrikam Inc.',
    currency: 'EUR',
    contacts: [{ email: 'ap@fabrikam.example', name: 'Accounts Payable' }],
    invoices: [
      { number: 'FB-0042', issuedDaysAgo: 40, termDays: 45, lines: [['Enterprise plan, Q4', '1', 90000]] },
    ],
    payments: [],
  },
  {
    number: 'AW-7007',
    name: 'Adventure Works',
    currency: 'USD',
    contacts: [{ email: 'dana@adventure.example', phone: '+1 415 555 0142', name: 'Dana Kim' }],
    invoices: [
      { number: 'INV-1920', issuedDaysAgo: 120, termDays: 30, lines: [['Starter plan, Q3', '1', 15000]] },
      { number: 'INV-1990', issuedDaysAgo: 60, termDays: 30, lines: [['Starter plan, Q4', '1', 15000]] },
    ],
    payments: [{ reference: 'CARD-5541', amount: 15000, method: 'card', daysAgo: 70 }],
    adjustments: [{ kind: 'debit_note', amount: 2500, reasonCode: 'late_fee' }],
    disputes: [{ invoice: 'INV-1920', reason: 'Customer says the invoice arrived after the due date' }],
  },
];

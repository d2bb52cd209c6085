package formats

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbfCompany name;Annual Revenue;Renewal Date\r\n\"Acme\nRobotics\";1.2M;03/04/2027\r\n"))
	f.Add([]byte("Name,ARR,Website,Type\nA,$1,200,000.00,a.com,Customer\nB,,b.com\n"))
	f.Add([]byte("First Name\tLast Name\tEmail\tCompany\nAna\tLopez\tana@x.com\tAcme\n"))
	f.Add([]byte("\"unterminated,quote\nx"))
	f.Add([]byte("Account,Date,Type,Score,Contact Email,Comment\nAcme,2026-11-02,NPS,9,a@b.com,\"ok\"\nAcme,11/02/2026,,4,,\n"))
	f.Add([]byte("Customer;Order Date;Total;Currency;Order ID\nAcme;01.11.2026;1.200,50;EUR;INV-1\n"))
	f.Add([]byte("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n"))
	f.Add([]byte("Activity ID,Activity date,Subject,Body,Associated Company IDs\n1,2026-11-02 4:40 PM,Call,\"a\nb\",7;8\n2,2026-11-02T16:40:00+01:00,,x,\nGrand Totals (2 records)\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []string{KindAccounts, KindContacts, KindInteractions, KindSurveys, KindOrders, KindDeals} {
			p, err := ParseCSV(bytes.NewReader(data), CSVOptions{Kind: kind, Currency: "USD", Today: domain.NewDate(2026, 11, 28)})
			if err != nil {
				continue
			}
			for _, a := range p.Accounts {
				if err := a.Account.Validate(); err != nil {
					t.Fatalf("an invalid account got through: %v", err)
				}
			}
			for _, s := range p.Surveys {
				if err := s.Survey.Validate(); err != nil || s.Account == "" {
					t.Fatalf("an invalid survey answer got through: %v %+v", err, s)
				}
			}
			for _, o := range p.Orders {
				if err := o.Order.Validate(); err != nil || o.Account == "" {
					t.Fatalf("an invalid order got through: %v %+v", err, o)
				}
			}
			for _, d := range p.Deals {
				if err := d.Deal.Validate(); err != nil || d.Account.Empty() {
					t.Fatalf("an invalid deal got through: %v %+v", err, d)
				}
			}
			for _, in := range p.Interactions {
				if err := in.Interaction.Validate(); err != nil || in.Account.Empty() {
					t.Fatalf("an invalid interaction got through: %v %+v", err, in)
				}
			}
			for _, e := range p.Errors {
				if e.Row < 2 || e.Reason == "" {
					t.Fatalf("bad row error %+v", e)
				}
			}
		}
	})
}

func FuzzReadBook(f *testing.F) {
	f.Add(`{"format":"tend-book","version":1,"accounts":[{"account":{"id":1,"name":"A","tier":"key","stage":"retention","arr":{"amount":1,"currency":"USD"},"renewal_notice_days":90,"cadence_days":30,"acquisition_cost":{"amount":0,"currency":"USD"},"growth_potential":3,"replaceability":3,"handoff":{}}}],"settings":{}}`)
	f.Add(`{"format":"other"}`)
	f.Add(`[1,2,3]`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ReadBook(strings.NewReader(s), func(r *domain.AccountRecords) error { return r.Account.Validate() })
	})
}

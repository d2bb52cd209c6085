package crmgen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// Pipeline is a plain sales data set shaped like the public "CRM sales
// opportunities" sample: an accounts file (whose revenue is the customer
// company's, in millions) and a sales pipeline of deals with agent,
// product, account, stage (Won, Lost, Engaging, Prospecting), engage and
// close dates and close value.
type Pipeline struct {
	Accounts, Deals []byte
	NAccounts       int
	Stages          map[string]int // deals per stage as the file spells it
	Won             int            // won deals with a value: orders
}

// SalesPipeline generates a Pipeline of n accounts and d deals.
func SalesPipeline(seed uint64, n, d int) *Pipeline {
	r := rand.New(rand.NewPCG(seed, seed^0xdea1))
	p := &Pipeline{NAccounts: n, Stages: map[string]int{}}
	acc := [][]string{{"account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of"}}
	names := make([]string, n)
	for i := range n {
		names[i] = firsts[i%len(firsts)] + seconds[(i/len(firsts))%len(seconds)] + fmt.Sprintf("%d", i/(len(firsts)*len(seconds)))
		acc = append(acc, []string{names[i], industries[r.IntN(len(industries))], strconv.Itoa(1980 + r.IntN(40)),
			fmt.Sprintf("%d.%02d", 1+r.IntN(3000), r.IntN(100)), strconv.Itoa(10 + r.IntN(20000)), "United States", ""})
	}
	deals := [][]string{{"opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"}}
	stages := []string{"Won", "Lost", "Engaging", "Prospecting"}
	products := []string{"GTX Basic", "GTX Pro", "MG Special", "GTX Plus Basic", "MG Advanced", "GTK 500"}
	day0 := time.Date(2016, 10, 20, 0, 0, 0, 0, time.UTC)
	for i := range d {
		st := stages[r.IntN(len(stages))]
		p.Stages[st]++
		engage := day0.AddDate(0, 0, r.IntN(400))
		closeDate, value := "", ""
		switch st {
		case "Won":
			closeDate, value = engage.AddDate(0, 0, 5+r.IntN(100)).Format("2006-01-02"), strconv.Itoa(100+r.IntN(30000))
			p.Won++
		case "Lost":
			closeDate, value = engage.AddDate(0, 0, 5+r.IntN(100)).Format("2006-01-02"), "0"
		}
		engageS := engage.Format("2006-01-02")
		if st == "Prospecting" {
			engageS = ""
		}
		deals = append(deals, []string{fmt.Sprintf("%08X", 0x1C100000+i), people[r.IntN(len(people))] + " " + surnames[r.IntN(len(surnames))],
			products[r.IntN(len(products))], names[r.IntN(n)], st, engageS, closeDate, value})
	}
	p.Accounts, p.Deals = csvBytes(',', false, false, acc), csvBytes(',', false, false, deals)
	return p
}
